<?php
// gatewayctl: replays requests through RetellFunctionCallHandler's methods on
// a shadow copy of the app, as Laravel calls a controller (the container
// resolves the parameters: a FormRequest is built from the request and
// validated), and records what each method reads from its request. The
// handler in the shadow is instrumented by gatewayctl: each read
// `$request->m(...)` is wrapped in gatewayctl_read('method#n', ...).
// Sealed (bubblewrap: no network, nothing writable outside the shadow, no
// host socket), an in-memory cache and session, logs discarded:
// nothing leaves this process. No request reaches the gateway.
// argv: the shadow app dir, a JSON file {"payloads": [...], "synthetic": bool,
// "methods": [...]}. Prints {"runs": [...], "synthetic": n} or {"error": "..."}.
// Exit 0: replayed; 4: the handler is missing; 5: it cannot be replayed.
require __DIR__.'/gatewayctl-boot.php';

$GLOBALS['gatewayctl_reads'] = [];

/** Records what a read answered, and hands it on unchanged. */
function gatewayctl_read(string $site, $value)
{
    $GLOBALS['gatewayctl_reads'][] = [$site, gatewayctl_plain($value)];

    return $value;
}

/** A value as JSON can carry it: objects by class, and their array form if they have one. */
function gatewayctl_plain($value, int $depth = 0)
{
    if ($depth > 8) {
        return '(deeper)';
    }
    if (is_array($value)) {
        return array_map(fn ($v) => gatewayctl_plain($v, $depth + 1), $value);
    }
    if (is_object($value)) {
        if ($value instanceof Illuminate\Contracts\Support\Arrayable) {
            return ['(object)' => get_class($value), 'value' => gatewayctl_plain($value->toArray(), $depth + 1)];
        }
        return ['(object)' => get_class($value)];
    }
    if (is_float($value) && (is_nan($value) || is_infinite($value))) {
        return (string) $value;
    }
    return $value;
}

$class = 'App\\Http\\Controllers\\RetellFunctionCallHandler';
if (!class_exists($class)) {
    echo json_encode(['error' => "no class {$class}"]);
    exit(4);
}
$input = json_decode(file_get_contents($argv[2]), true);
if (!is_array($input) || !is_array($input['payloads'] ?? null) || !is_array($input['methods'] ?? null)) {
    echo json_encode(['error' => 'the replay input is not {"payloads": [...], "methods": [...]}']);
    exit(5);
}

// Nothing this process does is kept: cache, session and queue in memory, logs dropped.
config([
    'cache.default' => 'array',
    'session.driver' => 'array',
    'queue.default' => 'sync',
    'logging.channels.gatewayctl_null' => ['driver' => 'monolog', 'handler' => Monolog\Handler\NullHandler::class],
    'logging.default' => 'gatewayctl_null',
]);

/**
 * Payloads made from the FormRequest's own rules, for an app whose log has
 * none: every field filled, only the required ones, each optional field
 * left out in turn, and every string with markup in it.
 */
function gatewayctl_synthetic($app): array
{
    $form = 'App\\Http\\Requests\\CollectAppointmentRequest';
    if (!class_exists($form)) {
        return [];
    }
    $request = new $form();
    $request->setContainer($app);
    $rules = method_exists($request, 'rules') ? $app->call([$request, 'rules']) : [];
    $full = [];
    $required = [];
    $optional = [];
    foreach ($rules as $key => $list) {
        $list = is_string($list) ? explode('|', $list) : (array) $list;
        $names = array_map(fn ($r) => is_string($r) ? strtolower(explode(':', $r, 2)[0]) : '', $list);
        if (str_contains($key, '*') || in_array('array', $names, true)) {
            continue;
        }
        $value = gatewayctl_value($list, $names);
        if ($value === null) {
            continue;
        }
        Illuminate\Support\Arr::set($full, $key, $value);
        if (in_array('required', $names, true)) {
            Illuminate\Support\Arr::set($required, $key, $value);
        } else {
            $optional[] = $key;
        }
    }
    if ($full === []) {
        return [];
    }
    $payloads = [$full, $required];
    foreach ($optional as $key) {
        $without = $full;
        Illuminate\Support\Arr::forget($without, $key);
        $payloads[] = $without;
    }
    $marked = $full;
    array_walk_recursive($marked, function (&$v) {
        if (is_string($v) && !str_contains($v, '@') && !preg_match('/^[0-9:+ -]+$/', $v)) {
            $v = "Gatewayctl <b>{$v}</b>";
        }
    });
    $payloads[] = $marked;
    return $payloads;
}

/** A value one field's rules accept, or null when none is known. */
function gatewayctl_value(array $list, array $names)
{
    $arg = function (string $name) use ($list) {
        foreach ($list as $r) {
            if (is_string($r) && strtolower(explode(':', $r, 2)[0]) === $name) {
                return explode(':', $r, 2)[1] ?? '';
            }
        }
        return null;
    };
    $tomorrow = strtotime('tomorrow 10:30');
    if (($format = $arg('date_format')) !== null) {
        return date($format, $tomorrow);
    }
    if (in_array('date', $names, true)) {
        return date('Y-m-d', $tomorrow);
    }
    if (in_array('email', $names, true)) {
        return 'probe@example.org';
    }
    if (in_array('boolean', $names, true)) {
        return true;
    }
    if (($in = $arg('in')) !== null) {
        return trim(explode(',', $in)[0], '"');
    }
    if (in_array('integer', $names, true) || in_array('numeric', $names, true)) {
        $min = $arg('min');
        return $min !== null ? (int) $min : 1;
    }
    $candidates = ['Gatewayctl Probe', 'gatewayctl', '+49 30 1234567', '10:30', '1'];
    if (($pattern = $arg('regex')) !== null) {
        foreach ($candidates as $c) {
            if (@preg_match($pattern, $c) === 1) {
                return $c;
            }
        }
        return null;
    }
    $max = $arg('max');
    return $max !== null ? substr('Gatewayctl Probe', 0, max(1, (int) $max)) : 'Gatewayctl Probe';
}

$payloads = $input['payloads'];
$logged = count($payloads);
if (!empty($input['synthetic'])) {
    try {
        $payloads = array_merge($payloads, gatewayctl_synthetic($app));
    } catch (Throwable $e) {
        echo json_encode(['error' => 'the FormRequest\'s rules could not be read: '.get_class($e).': '.$e->getMessage()]);
        exit(5);
    }
}

$runs = [];
foreach ($payloads as $i => $payload) {
    foreach ($input['methods'] as $method) {
        $base = Illuminate\Http\Request::create(
            '/api/retell/collect-appointment',
            'POST',
            [],
            [],
            [],
            ['CONTENT_TYPE' => 'application/json', 'HTTP_ACCEPT' => 'application/json'],
            json_encode($payload)
        );
        $app->instance('request', $base);
        Illuminate\Support\Facades\Facade::clearResolvedInstance('request');
        $GLOBALS['gatewayctl_reads'] = [];
        try {
            $controller = $app->make($class);
            $answer = $app->call([$controller, $method]);
            $status = $answer instanceof Symfony\Component\HttpFoundation\Response ? $answer->getStatusCode() : 200;
            $outcome = "answered {$status}";
        } catch (Illuminate\Validation\ValidationException $e) {
            $outcome = 'refused 422';
        } catch (Illuminate\Auth\Access\AuthorizationException $e) {
            $outcome = 'refused 403';
        } catch (Throwable $e) {
            $outcome = 'threw '.get_class($e).': '.substr($e->getMessage(), 0, 200);
        }
        $runs[] = ['payload' => $i, 'method' => $method, 'outcome' => $outcome, 'reads' => $GLOBALS['gatewayctl_reads']];
    }
}
echo json_encode(['runs' => $runs, 'logged' => $logged, 'synthetic' => count($payloads) - $logged], JSON_PARTIAL_OUTPUT_ON_ERROR);
