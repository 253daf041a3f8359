<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;

/**
 * Stands where the baseline's per-call Retell limiter stands. gatewayctl's
 * limiter shape does not model it; the lab lets every call through.
 */
class RetellCallRateLimit
{
    public function handle(Request $request, Closure $next)
    {
        return $next($request);
    }
}
