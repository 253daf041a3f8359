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
 * request in the bucket. One Lua script per request keeps it atomic.
 */
class RateLimitMiddleware
{
    // KEYS: counter, abuse counter, block. ARGV: window, limit, abuse ttl,
    // abuse threshold, block seconds. Returns {count, pttl, newly_blocked},
    // or {-1, block pttl, 0} while the identity is blocked.
    private const SCRIPT = <<<'LUA'
local block_ttl = redis.call('PTTL', KEYS[3])
if block_ttl ~= -2 then
  return {-1, block_ttl, 0}
end
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
if count <= tonumber(ARGV[2]) then
  return {count, 0, 0}
end
local ttl = redis.call('PTTL', KEYS[1])
local rejections = redis.call('INCR', KEYS[2])
if rejections == 1 then
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
local blocked = 0
if rejections >= tonumber(ARGV[4]) then
  redis.call('SET', KEYS[3], 1, 'EX', ARGV[5])
  blocked = 1
end
return {count, ttl, blocked}
LUA;

    public function handle(Request $request, Closure $next)
    {
        $bucket = $this->bucketFor($request);
        $identity = md5($this->identity($request));
        $abuse = config('gateway.rate_limit.abuse');
        $keys = [
            "rate_limit:{$identity}:{$bucket['name']}",
            "abuse:{$identity}",
            "abuse:{$identity}:blocked",
        ];
        [$count, $pttl, $newlyBlocked] = Redis::connection()->client()->eval(
            self::SCRIPT,
            array_merge($keys, [$bucket['window'], $bucket['limit'], $abuse['counter_ttl'], $abuse['threshold'], $abuse['block']]),
            3
        );

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
