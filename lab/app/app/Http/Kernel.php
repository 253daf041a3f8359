<?php

namespace App\Http;

use Illuminate\Foundation\Http\Kernel as HttpKernel;

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
        // As a Laravel 8 app ships it.
        'throttle' => \Illuminate\Routing\Middleware\ThrottleRequests::class,
    ];
}
