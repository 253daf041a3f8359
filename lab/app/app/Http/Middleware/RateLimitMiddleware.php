<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;
use Illuminate\Support\Facades\Redis;
use Illuminate\Support\Str;

/**
 * Per-identity, per-bucket fixed windows in Redis, with abuse blocking
 * ("intelligent throttling"). The window starts at the identity's first
 * request in the bucket. Every Redis step touches one key, so the same code
 * runs on Redis Cluster, where one script over keys in different slots is
 * refused (CROSSSLOT): the counter's INCR and EXPIRE are one script, the
 * abuse counter's another, the block a SET with its expiry.
 */
class RateLimitMiddleware
{
    // KEYS: a counter. ARGV: its expiry (seconds), set on the first
    // increment. Returns {count, pttl}.
    private const COUNT = <<<'LUA'
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return {count, redis.call('PTTL', KEYS[1])}
LUA;

    public function handle(Request $request, Closure $next)
    {
        $bucket = $this->bucketFor($request);
        $identity = md5($this->identity($request));
        $abuse = config('gateway.rate_limit.abuse');
        $redis = Redis::connection()->client();
        $blockKey = "abuse:{$identity}:blocked";

        $blockTtl = $redis->pttl($blockKey);
        if ($blockTtl !== -2) {
            $count = -1;
            $pttl = $blockTtl;
            $newlyBlocked = 0;
        } else {
            [$count, $pttl] = $redis->eval(self::COUNT, ["rate_limit:{$identity}:{$bucket['name']}", $bucket['window']], 1);
            $newlyBlocked = 0;
            if ($count > $bucket['limit']) {
                [$rejections] = $redis->eval(self::COUNT, ["abuse:{$identity}", $abuse['counter_ttl']], 1);
                if ($rejections >= $abuse['threshold']) {
                    $redis->set($blockKey, 1, ['ex' => $abuse['block']]);
                    $newlyBlocked = 1;
                }
            }
        }

        if ($count === -1) {
            return $this->reject($bucket['limit'], 0, $this->seconds($pttl));
        }
        if ($count > $bucket['limit']) {
            Log::warning('Rate limit exceeded', [
                'identity' => $identity,
                'bucket' => $bucket['name'],
                'limit' => $bucket['limit'],
                'count' => $count,
            ]);
            if ($newlyBlocked === 1) {
                Log::warning('Abusive client blocked', ['identity' => $identity, 'block_seconds' => $abuse['block']]);
            }

            return $this->reject($bucket['limit'], 0, $this->seconds($pttl));
        }

        $response = $next($request);
        $response->headers->set('X-RateLimit-Limit', (string) $bucket['limit']);
        $response->headers->set('X-RateLimit-Remaining', (string) max(0, $bucket['limit'] - $count));

        return $response;
    }

    /** `key:<X-Api-Key>` when the header is sent, else `ip:<client ip>`. */
    private function identity(Request $request): string
    {
        $key = $request->header('X-Api-Key');

        return ($key !== null && $key !== '') ? 'key:'.$key : 'ip:'.$request->ip();
    }

    /** First match wins; the last bucket is the default. */
    private function bucketFor(Request $request): array
    {
        $path = $request->path();
        if (Str::startsWith($path, 'api/')) {
            $path = substr($path, 4);
        }
        $buckets = config('gateway.rate_limit.buckets');
        foreach ($buckets as $bucket) {
            foreach ($bucket['paths'] as $pattern) {
                if (Str::is($pattern, $path)) {
                    return $bucket;
                }
            }
        }

        return end($buckets);
    }

    /** A TTL as Redis's TTL command reports it (nearest second), at least 1. */
    private function seconds(int $pttl): int
    {
        return max(1, intdiv(max(0, $pttl) + 500, 1000));
    }

    private function reject(int $limit, int $remaining, int $retryAfter)
    {
        return response()->json(
            ['error' => 'rate_limit_exceeded', 'retry_after' => $retryAfter],
            429,
            [
                'X-RateLimit-Limit' => (string) $limit,
                'X-RateLimit-Remaining' => (string) $remaining,
                'Retry-After' => (string) $retryAfter,
                'X-RateLimit-Reset' => (string) (time() + $retryAfter),
            ]
        );
    }
}
