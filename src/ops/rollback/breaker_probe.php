<?php
// gatewayctl: the circuit-breaker rollback proven at run time, on a shadow
// copy of the app with the edit applied, run sealed (bubblewrap: its own
// network and loopback, nothing writable outside the shadow, no host
// socket): nothing it does reaches production. Boot the app, build
// CalcomService, call each of its public methods twice:
// - Cal.com answering: a stand-in on the namespace's private loopback, where
//   the app's Cal.com URLs are pointed, answers 200; each call must go
//   straight through (return), never end in a PHP Error;
// - Cal.com failing: the stand-in answers 500 (or cannot be reached); each
//   call must end in Cal.com's failure or return, never in a PHP Error such
//   as "Call to a member function call() on null" or "must not be accessed
//   before initialization".
// Exit 0: both halves shown; 5: only the failing half (no stand-in, or no
// Cal.com URL in the app's config); 3: a PHP Error; 4: nothing to call.
require __DIR__.'/gatewayctl-boot.php';
$class = 'App\\Services\\CalcomService';
if (!class_exists($class)) {
    echo "no class {$class}\n";
    exit(4);
}
$mode = $app_dir.'/gatewayctl-calcom.mode';
$seen = $app_dir.'/gatewayctl-calcom.log';
file_put_contents($mode, 'ok');

/** A free port on this namespace's loopback, and the stand-in on it (bounded: it stops itself). */
function stand_in(string $router): ?array
{
    $probe = @stream_socket_server('tcp://127.0.0.1:0', $errno, $error);
    if ($probe === false) {
        return null;
    }
    $address = stream_socket_get_name($probe, false);
    fclose($probe);
    $null = ['file', '/dev/null', 'a'];
    $process = @proc_open(['timeout', '120', PHP_BINARY, '-S', $address, $router], [['file', '/dev/null', 'r'], $null, $null], $pipes);
    if ($process === false) {
        return null;
    }
    for ($i = 0; $i < 100; $i++) {
        $c = @stream_socket_client('tcp://'.$address, $errno, $error, 0.1);
        if ($c !== false) {
            fclose($c);
            return [$process, $address];
        }
        usleep(50000);
    }
    proc_terminate($process, 9);
    return null;
}

/** Every Cal.com URL in the app's config, pointed at the stand-in (its path kept). */
function point_calcom(array $config, string $prefix, string $address): array
{
    $pointed = [];
    foreach ($config as $key => $value) {
        $name = $prefix === '' ? (string) $key : $prefix.'.'.$key;
        if (is_array($value)) {
            $pointed = array_merge($pointed, point_calcom($value, $name, $address));
        } elseif (is_string($value) && stripos($name, 'calcom') !== false && preg_match('#^https?://[^/]+(.*)$#', $value, $m)) {
            config([$name => 'http://'.$address.$m[1]]);
            $pointed[] = $name;
        }
    }
    return $pointed;
}

/** Each public method once; the outcome of each, or exit 3 on a PHP Error. */
function call_all(string $class, string $half): array
{
    try {
        $service = app()->make($class);
    } catch (\Error $e) {
        echo "{$half}: ERROR constructing: ".get_class($e).': '.$e->getMessage()."\n";
        exit(3);
    } catch (\Throwable $e) {
        return ['construct' => 'threw '.get_class($e)];
    }
    $outcomes = [];
    foreach ((new ReflectionClass($class))->getMethods(ReflectionMethod::IS_PUBLIC) as $method) {
        if ($method->isConstructor() || $method->isStatic() || $method->getDeclaringClass()->getName() !== $class) {
            continue;
        }
        $args = [];
        foreach ($method->getParameters() as $p) {
            if ($p->isOptional()) {
                break;
            }
            $type = $p->getType();
            $name = $type instanceof ReflectionNamedType ? $type->getName() : 'string';
            $args[] = match ($name) {
                'int' => 1,
                'float' => 1.0,
                'bool' => true,
                'array', 'iterable' => [],
                default => '2030-01-01',
            };
        }
        try {
            $method->invokeArgs($service, $args);
            $outcomes[$method->getName()] = 'returned';
        } catch (\Error $e) {
            echo "{$half}: ERROR {$method->getName()}: ".get_class($e).': '.$e->getMessage()."\n";
            exit(3);
        } catch (\Throwable $e) {
            $outcomes[$method->getName()] = 'threw '.(new ReflectionClass($e))->getShortName();
        }
    }
    return $outcomes;
}

function show(array $outcomes): string
{
    return implode(', ', array_map(fn ($m, $o) => "{$m} {$o}", array_keys($outcomes), $outcomes));
}

$server = stand_in(__DIR__.'/gatewayctl-calcom.php');
$pointed = $server === null ? [] : point_calcom(config()->all(), '', $server[1]);
$answering = null;
if ($server === null) {
    echo "answering: not shown: no stand-in could listen on a private loopback (iproute2's ip brings it up)\n";
} elseif ($pointed === []) {
    echo "answering: not shown: no Cal.com URL in the app's config (no key naming calcom holds one)\n";
} else {
    $answering = call_all($class, 'answering');
    $requests = count(file($seen, FILE_SKIP_EMPTY_LINES) ?: []);
    $returned = count(array_filter($answering, fn ($o) => $o === 'returned'));
    echo 'answering: '.show($answering)." ({$requests} request(s) reached Cal.com, via ".implode(', ', $pointed).")\n";
    if ($returned === 0 || $requests === 0) {
        $answering = null;
        echo "answering: no call went straight through to Cal.com\n";
    }
}
file_put_contents($mode, 'fail');
$failing = call_all($class, 'failing');
echo 'failing: '.show($failing).($server === null ? ' (Cal.com unreachable)' : ' (Cal.com answered 500)')."\n";
if ($server !== null) {
    proc_terminate($server[0], 9);
}
if ($failing === []) {
    exit(4);
}
exit($answering === null ? 5 : 0);
