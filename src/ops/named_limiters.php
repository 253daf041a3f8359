<?php
// gatewayctl: Laravel's named limiters (`RateLimiter::for`) as the app
// answers, on a shadow copy of the app, sealed (bubblewrap: no network,
// nothing writable outside the shadow, no host socket). Each limiter's
// callback is called with synthetic guest requests (argv[3], JSON: address,
// api_key or null, body), and what it returned is printed as one JSON
// object: {limiters: [{name, registered, seen: [{answer, limits, error}]}]}
// - answer: limits, none (Limit::none()), response (its own) or error;
// - limits: each Limit's max attempts, decay in seconds, key (as the
//   callback built it) and whether it answers a refusal its own way.
// argv[1]: the shadow's dir; argv[2]: the limiters' names, comma-separated.
require __DIR__.'/gatewayctl-boot.php';

$probes = json_decode($argv[3], true) ?: [];
$limiter = $app->make(Illuminate\Cache\RateLimiter::class);
$out = ['limiters' => []];
foreach (array_filter(explode(',', $argv[2] ?? '')) as $name) {
    $callback = $limiter->limiter($name);
    $row = ['name' => $name, 'registered' => $callback !== null, 'seen' => []];
    foreach ($callback === null ? [] : $probes as $probe) {
        $server = ['REMOTE_ADDR' => $probe['address'], 'CONTENT_TYPE' => 'application/json', 'HTTP_ACCEPT' => 'application/json'];
        if ($probe['api_key'] !== null) {
            $server['HTTP_X_API_KEY'] = $probe['api_key'];
        }
        $request = Illuminate\Http\Request::create('/gatewayctl', 'POST', [], [], [], $server, json_encode($probe['body']));
        $request->setUserResolver(function () {
            return null;
        });
        try {
            $answer = $callback($request);
        } catch (\Throwable $e) {
            $row['seen'][] = ['answer' => 'error', 'error' => get_class($e).': '.mb_substr($e->getMessage(), 0, 300)];
            continue;
        }
        if ($answer instanceof Illuminate\Cache\RateLimiting\Unlimited) {
            $row['seen'][] = ['answer' => 'none'];
        } elseif ($answer instanceof Symfony\Component\HttpFoundation\Response) {
            $row['seen'][] = ['answer' => 'response'];
        } else {
            $limits = [];
            foreach (Illuminate\Support\Arr::wrap($answer) as $limit) {
                if (! $limit instanceof Illuminate\Cache\RateLimiting\Limit) {
                    $row['seen'][] = ['answer' => is_object($limit) ? get_class($limit) : gettype($limit)];
                    continue 2;
                }
                $limits[] = [
                    'max' => (int) $limit->maxAttempts,
                    // Laravel 11 counts in seconds, Laravel 8 in minutes.
                    'decay_s' => (int) (property_exists($limit, 'decaySeconds') ? $limit->decaySeconds : $limit->decayMinutes * 60),
                    'key' => (string) $limit->key,
                    'own_response' => $limit->responseCallback !== null,
                ];
            }
            $row['seen'][] = ['answer' => 'limits', 'limits' => $limits];
        }
    }
    $out['limiters'][] = $row;
}
echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
