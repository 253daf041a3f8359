<?php

$gateway = require __DIR__.'/gateway.php';

return [
    'default' => 'sqlite',
    'connections' => [
        'sqlite' => ['driver' => 'sqlite', 'database' => ':memory:', 'prefix' => ''],
    ],
    'migrations' => 'migrations',
    'redis' => [
        'client' => 'phpredis',
        'options' => [
            'prefix' => $gateway['redis']['prefix'],
        ],
        'default' => [
            'host' => $gateway['redis']['host'],
            'port' => $gateway['redis']['port'],
            'password' => $gateway['redis']['password'],
            'database' => $gateway['redis']['database'],
        ],
    ],
];
