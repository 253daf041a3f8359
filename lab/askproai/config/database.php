<?php

$gateway = require __DIR__.'/gateway.php';
$redis = $gateway['redis'];
$server = function (int $database) use ($redis) {
    return ['host' => $redis['host'], 'port' => $redis['port'], 'password' => $redis['password'], 'database' => $database];
};

// Two connections, as Laravel's defaults give: `default` on database 0 (the
// Redis facade) and `cache` on database 1 (the cache store), one client
// prefix for both.
return [
    'default' => 'sqlite',
    'connections' => [
        'sqlite' => ['driver' => 'sqlite', 'database' => ':memory:', 'prefix' => ''],
    ],
    'migrations' => 'migrations',
    'redis' => [
        'client' => 'phpredis',
        'options' => ['prefix' => $redis['prefix']],
        'default' => $server(0),
        'cache' => $server(1),
    ],
];
