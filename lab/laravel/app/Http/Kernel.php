<?php

namespace App\Http;

use Illuminate\Foundation\Http\Kernel as HttpKernel;

// `lab up --gateway laravel`: the api group throttles as `laravel new`
// writes it for Laravel 8, so every route of routes/api.php carries
// `throttle:api` without naming it (Laravel 8's route:list shows `api`).
class Kernel extends HttpKernel
{
    protected $middleware = [];

    protected $middlewareGroups = [
        'api' => [
            'throttle:api',
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ],
    ];

    protected $routeMiddleware = [
        'api.performance' => \App\Http\Middleware\PerformanceMonitoring::class,
        'api.logging' => \App\Http\Middleware\RequestLogging::class,
        'throttle' => \Illuminate\Routing\Middleware\ThrottleRequests::class,
    ];
}
