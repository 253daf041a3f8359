<?php

namespace App\Http;

use Illuminate\Foundation\Http\Kernel as HttpKernel;

/**
 * The kernel Laravel 11 runs for the baseline: the framework's defaults
 * plus the aliases its bootstrap/app.php registers. app/Http/Kernel.php,
 * which lists api.rate-limit, is never loaded (REAL-GATEWAY.md §1).
 */
class DeployedKernel extends HttpKernel
{
    protected $middleware = [];

    protected $middlewareGroups = [
        'api' => [
            \Illuminate\Routing\Middleware\SubstituteBindings::class,
        ],
    ];

    protected $routeMiddleware = [
        'throttle' => \Illuminate\Routing\Middleware\ThrottleRequests::class,
        'retell.function.whitelist' => \App\Http\Middleware\RetellFunctionWhitelist::class,
        'retell.call.ratelimit' => \App\Http\Middleware\RetellCallRateLimit::class,
    ];
}
