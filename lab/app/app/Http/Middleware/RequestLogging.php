<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;

/** One INFO line per request: what `gatewayctl watch` computes its metrics from. */
class RequestLogging
{
    public function handle(Request $request, Closure $next)
    {
        $started = microtime(true);
        $response = $next($request);
        $key = $request->header('X-Api-Key');
        $identity = ($key !== null && $key !== '') ? 'key:'.$key : 'ip:'.$request->ip();
        Log::info('API request', [
            'method' => $request->method(),
            'path' => '/'.$request->path(),
            'status' => $response->getStatusCode(),
            'duration_ms' => round((microtime(true) - $started) * 1000, 2),
            'identity' => md5($identity),
        ]);

        return $response;
    }
}
