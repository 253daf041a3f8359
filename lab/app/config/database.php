<?php

$gateway = require __DIR__.'/gateway.php';
$redis = $gateway['redis'];
$server = function (int $port) use ($redis) {
    return ['host' => $redis['host'], 'port' => $port, 'password' => $redis['password'], 'database' => $redis['database']];
};

return [
    'default' => 'sqlite',
    'connections' => [
        'sqlite' => ['driver' => 'sqlite', 'database' => ':memory:', 'prefix' => ''],
    ],
    'migrations' => 'migrations',
    // One server, or (`lab up --redis cluster`) phpredis's RedisCluster over
    // the primaries: Laravel resolves the 'default' connection from
    // 'clusters' when no server of that name is configured.
    'redis' => empty($redis['cluster']) ? [
        'client' => 'phpredis',
        'options' => ['prefix' => $redis['prefix']],
        'default' => $server($redis['port']),
    ] : [
        'client' => 'phpredis',
        'options' => ['cluster' => 'redis', 'prefix' => $redis['prefix']],
        'clusters' => ['default' => array_map($server, $redis['cluster'])],
    ],
];
