<?php
// gatewayctl: the circuit-breaker rollback proven at run time, on a shadow
// copy of the app, run sealed (bubblewrap: its own network and loopback,
// nothing writable outside the shadow, no host socket): nothing it does
// reaches production. Run once on the shadow before the edit and once after,
// so the proof judges the edit, not itself. Boot the app, build
// CalcomService, call each of its public methods in two halves:
// - Cal.com answering: a stand-in on the namespace's private loopback, where
//   the app's Cal.com URLs are pointed, answers 200;
// - Cal.com failing: the stand-in answers 500 (or cannot be reached).
// Each call's arguments fit its declared types where that is possible
// (scalars, null where allowed, the container's instance or a class built
// without its constructor); a method that cannot be called so is "not
// called", with why. What each call did (returned, threw an exception, a
// PHP Error) and how many requests it sent Cal.com is printed as one JSON
// line after "gatewayctl-probe: ". Exit 0; 4: no class to call.
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

/** A value of declared type $type, or null with why not in $why. */
function fitting(?ReflectionType $type, bool $nullable, ?string &$why): array
{
    if ($type === null) {
        return ['2030-01-01'];
    }
    if ($nullable) {
        return [null];
    }
    $names = $type instanceof ReflectionNamedType ? [$type->getName()] : array_map(fn ($t) => (string) $t, $type instanceof ReflectionUnionType ? $type->getTypes() : [$type]);
    foreach ($names as $name) {
        switch ($name) {
            case 'int': return [1];
            case 'float': return [1.0];
            case 'bool': case 'true': return [true];
            case 'false': return [false];
            case 'string': case 'mixed': return ['2030-01-01'];
            case 'array': case 'iterable': return [[]];
            case 'callable': case 'Closure': return [fn () => null];
            case 'object': return [new stdClass()];
        }
        if (!class_exists($name) && !interface_exists($name) && !enum_exists($name)) {
            $why = "no class {$name}";
            continue;
        }
        if (enum_exists($name)) {
            $cases = $name::cases();
            if ($cases !== []) {
                return [$cases[0]];
            }
            $why = "enum {$name} has no case";
            continue;
        }
        try {
            return [app()->make($name)];
        } catch (\Throwable $e) {
            $why = "{$name}: the container cannot build it";
        }
        $class = new ReflectionClass($name);
        if ($class->isInstantiable() || ($class->isFinal() === false && !$class->isInterface() && !$class->isAbstract())) {
            try {
                return [$class->newInstanceWithoutConstructor()];
            } catch (\Throwable $e) {
                $why = "{$name}: ".$e->getMessage();
            }
        }
    }
    return [];
}

/** Each public method once: what it did, and the requests it sent Cal.com. */
function call_all(string $class, string $seen): array
{
    $reached = fn () => count(@file($seen, FILE_SKIP_EMPTY_LINES) ?: []);
    try {
        $service = app()->make($class);
    } catch (\Error $e) {
        return ['construct' => ['outcome' => 'error', 'what' => get_class($e).': '.$e->getMessage(), 'reached' => 0]];
    } catch (\Throwable $e) {
        return ['construct' => ['outcome' => 'threw', 'what' => get_class($e), 'reached' => 0]];
    }
    $outcomes = [];
    foreach ((new ReflectionClass($class))->getMethods(ReflectionMethod::IS_PUBLIC) as $method) {
        if ($method->isConstructor() || $method->isStatic() || $method->getDeclaringClass()->getName() !== $class) {
            continue;
        }
        $args = [];
        $why = null;
        foreach ($method->getParameters() as $p) {
            if ($p->isOptional()) {
                break;
            }
            $value = fitting($p->getType(), $p->allowsNull() && $p->getType() !== null, $why);
            if ($value === []) {
                $outcomes[$method->getName()] = ['outcome' => 'not called', 'what' => "parameter \${$p->getName()}: ".($why ?? 'no value fits'), 'reached' => 0];
                continue 2;
            }
            $args[] = $value[0];
        }
        $before = $reached();
        try {
            $method->invokeArgs($service, $args);
            $outcome = ['outcome' => 'returned', 'what' => ''];
        } catch (\Error $e) {
            $outcome = ['outcome' => 'error', 'what' => get_class($e).': '.$e->getMessage()];
        } catch (\Throwable $e) {
            $outcome = ['outcome' => 'threw', 'what' => (new ReflectionClass($e))->getShortName()];
        }
        $outcome['reached'] = $reached() - $before;
        $outcomes[$method->getName()] = $outcome;
    }
    return $outcomes;
}

$server = stand_in(__DIR__.'/gatewayctl-calcom.php');
$pointed = $server === null ? [] : point_calcom(config()->all(), '', $server[1]);
$result = ['answering' => null, 'failing' => null, 'why' => null, 'via' => $pointed];
if ($server === null) {
    $result['why'] = 'no stand-in could listen on a private loopback (iproute2\'s ip brings it up)';
} elseif ($pointed === []) {
    $result['why'] = "no Cal.com URL in the app's config (no key naming calcom holds one)";
} else {
    $result['answering'] = call_all($class, $seen);
}
file_put_contents($mode, 'fail');
$result['failing'] = call_all($class, $seen);
if ($server !== null) {
    proc_terminate($server[0], 9);
}
echo 'gatewayctl-probe: '.json_encode($result, JSON_UNESCAPED_SLASHES)."\n";
exit(0);
