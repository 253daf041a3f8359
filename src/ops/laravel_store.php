<?php
// gatewayctl: where the app's Laravel cache store keeps its keys (its own
// `throttle` counts there), as the app's config says: from its config cache
// when it has one (what php-fpm reads; an array, nothing runs), else from
// the config the app boots with. Prints one JSON object:
// - driver: the default store's driver (only `redis` is read from Redis);
// - database: the Redis database of the store's connection (0 for a cluster);
// - client_prefix: that connection's phpredis prefix;
// - prefix: the store's own prefix, with the `:` RedisStore adds;
// - redis_database, redis_client_prefix: the default Redis connection's,
//   where ThrottleRequestsWithRedis counts.
// argv[1]: the app's directory.
$dir = $argv[1];
$cached = $dir.'/bootstrap/cache/config.php';
if (is_file($cached)) {
    $config = require $cached;
} else {
    require $dir.'/vendor/autoload.php';
    $app = require $dir.'/bootstrap/app.php';
    $app->make(Illuminate\Contracts\Console\Kernel::class)->bootstrap();
    $config = $app['config']->all();
}
$cache = $config['cache'] ?? [];
$store = $cache['stores'][$cache['default'] ?? ''] ?? [];
$redis = $config['database']['redis'] ?? [];
$name = $store['connection'] ?? 'default';
// As RedisManager resolves a name: a server, else a cluster of that name.
$server = $redis[$name] ?? null;
$cluster = $server === null && isset($redis['clusters'][$name]);
$options = array_merge($redis['options'] ?? [], $redis['clusters']['options'] ?? [], $server['options'] ?? []);
$prefix = (string) ($store['prefix'] ?? ($cache['prefix'] ?? ''));
$default = $redis['default'] ?? null;
$default_options = array_merge($redis['options'] ?? [], $default['options'] ?? []);
echo json_encode([
    'driver' => $store['driver'] ?? null,
    'database' => $cluster ? 0 : (int) ($server['database'] ?? 0),
    'client_prefix' => (string) ($options['prefix'] ?? ''),
    'prefix' => $prefix === '' ? '' : $prefix.':',
    'redis_database' => $default === null ? 0 : (int) ($default['database'] ?? 0),
    'redis_client_prefix' => (string) ($default_options['prefix'] ?? ''),
], JSON_UNESCAPED_SLASHES), "\n";
