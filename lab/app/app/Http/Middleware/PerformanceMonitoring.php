<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;

/** Adds X-Response-Time; logs responses slower than the configured limit. */
class PerformanceMonitoring
{
    public function handle(Request $request, Closure $next)
    {
        $started = microtime(true);
        $response = $next($request);
        $ms = (microtime(true) - $started) * 1000;
        $response->headers->set('X-Response-Time', sprintf('%.2fms', $ms));
        if ($ms > config('gateway.slow_response_ms', 1000)) {
            Log::warning('Slow API response', ['path' => '/'.$request->path(), 'duration_ms' => round($ms, 2)]);
        }

        return $response;
    }
}
