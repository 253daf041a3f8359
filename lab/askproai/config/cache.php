<?php

// As the baseline has it in production: the cache store on Redis through
// the `cache` connection (database 1), with its own prefix on top of the
// client's. Limiter and breaker state live here: never `cache:clear`.
return [
    'default' => 'redis',
    'stores' => [
        'redis' => ['driver' => 'redis', 'connection' => 'cache'],
        'array' => ['driver' => 'array', 'serialize' => false],
    ],
    'prefix' => 'laravel_cache',
];
