<?php

namespace App\Http;

use Illuminate\Foundation\Http\Kernel as HttpKernel;

/**
 * The app's own kernel with every alias the routes name. On Laravel 11 the
 * baseline keeps this file but never loads it (`lab up --as-deployed`
 * binds DeployedKernel instead).
 */
class Kernel extends HttpKernel
{
    protected $middleware = [];

    protected $middlewareGroups = [
        'api' => [
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ],
    ];

    protected $routeMiddleware = [
        'api.rate-limit' => \App\Http\Middleware\RateLimitMiddleware::class,
        'api.performance' => \App\Http\Middleware\PerformanceMonitoring::class,
        'api.logging' => \App\Http\Middleware\RequestLogging::class,
        'retell.function.whitelist' => \App\Http\Middleware\RetellFunctionWhitelist::class,
        'retell.call.ratelimit' => \App\Http\Middleware\RetellCallRateLimit::class,
        'throttle' => \Illuminate\Routing\Middleware\ThrottleRequests::class,
    ];
}
