<?php
// gatewayctl: a dry run of the app's middleware stacks, on a shadow copy of
// the app, sealed (bubblewrap: no network, nothing writable outside the
// shadow, no host socket). It boots the app
// as artisan would, swaps the cache store for an in-memory one and the Redis
// facade for a recorder, so nothing reaches Redis, and prints one JSON
// object:
// - kernel: the HTTP kernel class the app binds, and its file;
// - aliases, groups: the router's middleware aliases and groups;
// - routes: each route's middleware as declared (with parameters);
// - unresolved: each name no alias, group or class resolves;
// - entries: each entry with parameters checked against its handle(), and
//   each limiter entry (argv[2], comma-separated names) run once on a
//   synthetic request: passed, or the exception with its file and line
//   ("unjudged" when it threw after asking the Redis recorder something).
// - breaker: the service that holds the circuit breaker (argv[3]), the
//   routes whose controller uses it (a constructor or method parameter of
//   its class, or `new` of it in the action), and whether a Cal.com 4xx
//   counts as a failure: the breaker, its state in memory, called with a
//   closure that throws the app's own Cal.com exception with 404, until it
//   opens (then: after how many) or for a bounded number of calls.
// argv[1]: the shadow's dir; argv[2]: the limiter's middleware names;
// argv[3]: the class of the service that holds the breaker.
$app_dir = $argv[1];
$limiters = array_filter(explode(',', $argv[2] ?? ''));
$rel = function (?string $file) use ($app_dir): ?string {
    if ($file === null || $file === '') {
        return null;
    }
    $real = realpath($app_dir) ?: $app_dir;
    foreach ([$real, $app_dir] as $root) {
        if (strncmp($file, $root.'/', strlen($root) + 1) === 0) {
            return substr($file, strlen($root) + 1);
        }
    }
    return $file;
};
$thrown = fn (\Throwable $e) => [
    'class' => get_class($e),
    'message' => mb_substr($e->getMessage(), 0, 500),
    'file' => $rel($e->getFile()),
    'line' => $e->getLine(),
];

// A boot that throws (a file that does not parse, a provider that fails)
// is the answer itself: what it threw, where.
try {
    require __DIR__.'/gatewayctl-boot.php';
} catch (\Throwable $e) {
    echo json_encode(['boot_error' => $thrown($e)], JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
    exit(3);
}

// Nothing may reach Redis: an in-memory cache store, and a Redis facade that
// records what the code asked of it.
config(['cache.default' => 'array']);
$app['cache']->setDefaultDriver('array');
Illuminate\Support\Facades\Cache::clearResolvedInstances();
// Laravel's own limiter was made at boot (a provider's RateLimiter::for)
// over the real store: it counts in memory too, its named limiters kept.
if ($app->resolved(Illuminate\Cache\RateLimiter::class)) {
    $memory = $app['cache']->store('array');
    (function () use ($memory) {
        $this->cache = $memory;
    })->call($app->make(Illuminate\Cache\RateLimiter::class));
}
$redis_calls = new ArrayObject();
$recorder = new class($redis_calls) {
    public function __construct(private ArrayObject $calls) {}
    public function connection($name = null) { return $this; }
    public function client() { return $this; }
    public function __call($method, $args) { $this->calls->append(strtolower($method)); return 1; }
};
Illuminate\Support\Facades\Redis::swap($recorder);

// The seal stops what the code tries outside its shadow (a write to the
// real app, a connection to a host socket): each refusal PHP reports,
// silenced with @ or not, is kept as what was attempted, and the app's own
// handler still gets it.
$attempts = new ArrayObject();
$previous = null;
$previous = set_error_handler(function ($level, $message, $file = '', $line = 0) use (&$previous, $attempts) {
    if (preg_match('/Read-only file system|Permission denied|unix:\/\/|Connection refused|Not a socket/i', $message)) {
        $attempts->append(mb_substr(preg_replace('/^[a-z_]+\(\): /i', '', $message), 0, 300));
    }
    return $previous ? $previous($level, $message, $file, $line) : false;
});

$kernel = $app->make(Illuminate\Contracts\Http\Kernel::class);
$router = $app->make('router');
$aliases = $router->getMiddleware();
$groups = $router->getMiddlewareGroups();
$out = [
    'laravel' => $app->version(),
    'kernel' => ['class' => get_class($kernel), 'file' => $rel((new ReflectionClass($kernel))->getFileName() ?: null)],
    'aliases' => array_map(fn ($c) => is_string($c) ? $c : '(closure)', $aliases),
    'groups' => $groups,
    'routes' => [],
    'unresolved' => [],
    'entries' => [],
];

$resolve = function (string $name) use ($aliases, $groups): ?string {
    if (isset($aliases[$name])) {
        return is_string($aliases[$name]) ? $aliases[$name] : null;
    }
    if (isset($groups[$name])) {
        return null;
    }
    return class_exists($name) ? $name : null;
};
$known = fn (string $name) => isset($aliases[$name]) || isset($groups[$name]) || class_exists($name);

$checked = [];
foreach ($router->getRoutes()->getRoutes() as $route) {
    $declared = array_values(array_filter($route->middleware(), 'is_string'));
    foreach ($route->methods() as $method) {
        if ($method === 'HEAD') {
            continue;
        }
        $uri = $route->uri();
        $out['routes'][] = ['method' => $method, 'uri' => $uri, 'middleware' => $declared];
        // Groups expand to their entries, as Laravel gathers them.
        $entries = [];
        foreach ($declared as $m) {
            $name = explode(':', $m, 2)[0];
            if (isset($groups[$name])) {
                foreach ($groups[$name] as $g) {
                    $entries[] = is_string($g) ? $g : '(closure)';
                }
            } else {
                $entries[] = $m;
            }
        }
        foreach ($entries as $entry) {
            [$name, $params] = array_pad(explode(':', $entry, 2), 2, null);
            if (!$known($name)) {
                $out['unresolved'][] = ['name' => $name, 'method' => $method, 'uri' => $uri];
                continue;
            }
            $class = $resolve($name);
            if ($class === null || !method_exists($class, 'handle')) {
                continue;
            }
            $passed = $params === null ? [] : explode(',', $params);
            $handle = new ReflectionMethod($class, 'handle');
            $accepts = max(0, $handle->getNumberOfParameters() - 2);
            $variadic = $handle->isVariadic();
            $limiter = in_array($name, $limiters, true);
            $key = $entry.' '.$method.' '.$uri;
            if (!$limiter && (count($passed) <= $accepts || $variadic)) {
                continue;
            }
            $row = [
                'entry' => $entry,
                'name' => $name,
                'class' => $class,
                'file' => $rel($handle->getFileName() ?: null),
                'line' => $handle->getStartLine(),
                'method' => $method,
                'uri' => $uri,
                'passed' => $passed,
                'accepts' => $accepts,
                'variadic' => $variadic,
                'ran' => false,
                'outcome' => null,
                'redis' => [],
            ];
            if ($limiter && !isset($checked[$key])) {
                $checked[$key] = true;
                $path = '/'.preg_replace('#\{[^}]+\}#', '1', $uri);
                $request = Illuminate\Http\Request::create($path, $method, [], [], [], [
                    'REMOTE_ADDR' => '127.0.0.1',
                    'HTTP_X_API_KEY' => 'gatewayctl-dryrun',
                    'HTTP_ACCEPT' => 'application/json',
                ]);
                $request->setRouteResolver(fn () => $route);
                $redis_calls->exchangeArray([]);
                $row['ran'] = true;
                try {
                    $response = $app->make($class)->handle($request, fn ($r) => new Illuminate\Http\Response('ok'), ...$passed);
                    $row['outcome'] = ['passed' => true, 'status' => method_exists($response, 'getStatusCode') ? $response->getStatusCode() : null];
                } catch (\Throwable $e) {
                    // Past a call to the recorder, what it answered (1) may be
                    // why: the entry reaches Redis directly, and the dry run
                    // cannot judge it.
                    $row['outcome'] = ['passed' => false, 'thrown' => $thrown($e), 'unjudged' => count($redis_calls) > 0];
                }
                $row['redis'] = array_values(array_unique($redis_calls->getArrayCopy()));
            }
            $out['entries'][] = $row;
        }
    }
}
// The breaker: which routes reach it, and what it counts.
$service = $argv[3] ?? 'App\\Services\\CalcomService';
$out['breaker'] = null;
if ($service !== '' && class_exists($service)) {
    $b = ['service' => $service, 'breaker' => null, 'routes' => [], 'opened_after' => null, 'calls' => 0, 'exception' => null, 'error' => null];
    $short = substr(strrchr('\\'.$service, '\\'), 1);
    $typed = function (?ReflectionFunctionAbstract $f) use ($service): bool {
        foreach ($f ? $f->getParameters() : [] as $p) {
            $t = $p->getType();
            foreach ($t instanceof ReflectionUnionType ? $t->getTypes() : [$t] as $one) {
                if ($one instanceof ReflectionNamedType && ltrim($one->getName(), '\\') === $service) {
                    return true;
                }
            }
        }
        return false;
    };
    // `new Service` in the action's own lines, by the class's short name or whole.
    $constructs = function (ReflectionMethod $m) use ($service, $short): bool {
        $file = $m->getFileName();
        if (!$file || !is_readable($file)) {
            return false;
        }
        $lines = array_slice(file($file), $m->getStartLine() - 1, $m->getEndLine() - $m->getStartLine() + 1);
        $tokens = token_get_all("<?php\n".implode('', $lines));
        foreach ($tokens as $i => $t) {
            if (is_array($t) && $t[0] === T_NEW) {
                for ($j = $i + 1; $j < count($tokens) && is_array($tokens[$j]) && $tokens[$j][0] === T_WHITESPACE; $j++);
                $name = is_array($tokens[$j] ?? null) ? ltrim($tokens[$j][1], '\\') : '';
                if ($name === $service || $name === $short) {
                    return true;
                }
            }
        }
        return false;
    };
    foreach ($router->getRoutes()->getRoutes() as $route) {
        $action = $route->getActionName();
        [$controller, $method] = array_pad(explode('@', $action, 2), 2, '__invoke');
        $reaches = false;
        if (class_exists($controller) && method_exists($controller, $method)) {
            $class = new ReflectionClass($controller);
            $m = $class->getMethod($method);
            $reaches = $typed($class->getConstructor()) || $typed($m) || $constructs($m);
        }
        foreach ($route->methods() as $verb) {
            if ($verb !== 'HEAD') {
                $b['routes'][] = ['method' => $verb, 'uri' => $route->uri(), 'reaches' => $reaches];
            }
        }
    }
    // Its state in memory: a Redis of arrays for the facade, the array cache store.
    $memory = new class() {
        public array $data = [];
        public function connection($name = null) { return $this; }
        public function client() { return $this; }
        public function get($k) { return $this->data[$k] ?? null; }
        public function set($k, $v, ...$rest) { $this->data[$k] = (string) $v; return true; }
        public function setex($k, $ttl, $v) { $this->data[$k] = (string) $v; return true; }
        public function incr($k) { return $this->incrby($k, 1); }
        public function incrby($k, $n) { $this->data[$k] = (string) ((int) ($this->data[$k] ?? 0) + $n); return (int) $this->data[$k]; }
        public function decr($k) { return $this->incrby($k, -1); }
        public function del(...$ks) { $n = 0; foreach ($ks as $k) { foreach ((array) $k as $one) { $n += isset($this->data[$one]) ? 1 : 0; unset($this->data[$one]); } } return $n; }
        public function exists($k) { return isset($this->data[$k]) ? 1 : 0; }
        public function expire($k, $s) { return isset($this->data[$k]) ? 1 : 0; }
        public function ttl($k) { return isset($this->data[$k]) ? -1 : -2; }
        public function __call($method, $args) { return null; }
    };
    Illuminate\Support\Facades\Redis::swap($memory);
    try {
        $instance = $app->make($service);
        foreach ((new ReflectionObject($instance))->getProperties() as $prop) {
            $prop->setAccessible(true);
            if (!$prop->isInitialized($instance)) {
                continue;
            }
            $value = $prop->getValue($instance);
            if (is_object($value) && method_exists($value, 'call') && stripos(get_class($value), 'breaker') !== false) {
                $breaker = $value;
                $b['breaker'] = get_class($value);
            }
        }
        if (isset($breaker)) {
            // The app's own Cal.com exception, where it has one.
            $exception = null;
            foreach (glob($app_dir.'/app/{,*/,*/*/}*[Cc]al*[Ee]xception.php', GLOB_BRACE) ?: [] as $file) {
                $class = 'App\\'.str_replace('/', '\\', substr($file, strlen($app_dir.'/app/'), -4));
                if (class_exists($class) && is_subclass_of($class, Throwable::class)) {
                    $exception = $class;
                    break;
                }
            }
            $make = function () use ($exception) {
                if ($exception !== null) {
                    try {
                        return new $exception('Cal.com answered 404: booking not found', 404);
                    } catch (\Throwable $e) {
                    }
                }
                return new RuntimeException('Cal.com answered 404: booking not found', 404);
            };
            $b['exception'] = get_class($make());
            for ($n = 1; $n <= 50; $n++) {
                $invoked = false;
                try {
                    $breaker->call(function () use (&$invoked, $make) {
                        $invoked = true;
                        throw $make();
                    });
                } catch (\Throwable $e) {
                }
                if (!$invoked) {
                    $b['opened_after'] = $n - 1;
                    break;
                }
                $b['calls'] = $n;
            }
        }
    } catch (\Throwable $e) {
        $b['error'] = get_class($e).': '.mb_substr($e->getMessage(), 0, 300);
    }
    Illuminate\Support\Facades\Redis::swap($recorder);
    $out['breaker'] = $b;
}
$out['attempts'] = array_values(array_unique($attempts->getArrayCopy()));
echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
