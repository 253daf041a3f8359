<?php

// The application cache lives in the same Redis database as the limiter and
// breaker state, as on the production gateway: that is why `cache:clear`
// (and `optimize:clear`) must never run there.
return [
    'default' => 'redis',
    'stores' => [
        'redis' => ['driver' => 'redis', 'connection' => 'default'],
        'array' => ['driver' => 'array', 'serialize' => false],
    ],
    'prefix' => 'gateway_cache',
];
