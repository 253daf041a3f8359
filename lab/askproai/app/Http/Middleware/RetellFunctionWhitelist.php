<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;

/** The lab's stand-in for the Retell allow-list: loopback only. */
class RetellFunctionWhitelist
{
    public function handle(Request $request, Closure $next)
    {
        if (! in_array($request->ip(), ['127.0.0.1', '::1'], true)) {
            return response()->json(['error' => 'not allowed'], 403);
        }
        return $next($request);
    }
}
