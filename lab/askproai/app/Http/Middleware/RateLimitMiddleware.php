<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Carbon;
use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Log;
use Illuminate\Support\Facades\Redis;

/**
 * The production baseline's limiter, rebuilt for the lab from the facts in
 * REAL-GATEWAY.md §3 (none of that app's code). Its bugs are the point:
 * counters that never expire, refusals not counted, a block nothing reads,
 * API keys in key names, a parameter list it cannot read, a negative
 * Retry-After.
 */
class RateLimitMiddleware
{
    /** Tried in order against the whole path; `*` is one segment. */
    private const TABLE = [
        ['api/auth/login', 5, 300],
        ['api/auth/register', 3, 600],
        ['api/auth/password/reset', 3, 900],
        ['api/v2/bookings', 30, 60],
        ['api/v2/bookings/*/reschedule', 10, 60],
        ['api/v2/bookings/*/cancel', 10, 60],
        ['api/v2/calcom/sync/*', 5, 60],
        ['api/v2/calcom/push', 10, 300],
        ['webhooks/*', 100, 60],
        ['api/payments/*', 10, 60],
        ['api/stripe/*', 20, 60],
        ['api/v2/availability/*', 60, 60],
        ['api/v2/services', 100, 60],
        ['api/admin/*', 200, 60],
    ];

    private const DEFAULT_ROW = [60, 60];

    private const ABUSE_AFTER = 10;

    /**
     * One extra parameter: for `api.rate-limit:30,60` Laravel passes '30'
     * and '60' apart, so this sees '30' alone.
     */
    public function handle(Request $request, Closure $next, ?string $limits = null)
    {
        [$limit, $window] = $this->limitFor($request, $limits);
        $who = $this->identify($request);
        $counter = 'rate_limit:' . md5($who) . ':' . md5($request->path());

        $seen = (int) Cache::get($counter, 0);
        $resetAt = Cache::get($counter . ':reset');
        if (! $resetAt) {
            $resetAt = Carbon::now()->addSeconds($window);
            Cache::put($counter . ':reset', $resetAt, $resetAt);
        }

        if ($seen >= $limit) {
            return $this->refuse($request, $who, $limit, $seen, $resetAt);
        }

        Cache::increment($counter);
        // The default connection is database 0; the counter is in the cache
        // store's database: this EXPIRE never reaches it.
        Redis::expire(config('cache.prefix') . $counter, $window);

        return $this->withHeaders($next($request), $limit, $limit - $seen - 1, $resetAt, null);
    }

    private function limitFor(Request $request, ?string $limits): array
    {
        if ($limits) {
            $parts = explode(',', $limits);
            // With '30' alone there is no second part: "Undefined array key 1".
            return [(int) $parts[0], (int) $parts[1]];
        }
        $path = $request->path();
        foreach (self::TABLE as [$pattern, $limit, $window]) {
            $regex = '#^' . str_replace('\*', '[^/]*', preg_quote($pattern, '#')) . '$#';
            if (preg_match($regex, $path) === 1) {
                return [$limit, $window];
            }
        }
        return self::DEFAULT_ROW;
    }

    private function identify(Request $request): string
    {
        if ($user = $request->user()) {
            return 'user:' . $user->getAuthIdentifier();
        }
        if ($key = $request->header('X-Api-Key')) {
            return 'api:' . $key;
        }
        if ($request->hasSession() && $request->session()->getId()) {
            return 'session:' . $request->session()->getId();
        }
        return 'ip:' . $request->ip();
    }

    private function refuse(Request $request, string $who, int $limit, int $seen, $resetAt)
    {
        // Carbon 3's $resetAt->diffInSeconds(now()): now minus the reset time,
        // signed and fractional (Laravel 8's Carbon 2 would give a positive integer).
        $retry = (float) Carbon::now()->format('U.u') - (float) $resetAt->format('U.u');
        Log::warning('Rate limit exceeded', [
            'ip' => $request->ip(),
            'path' => $request->path(),
            'method' => $request->method(),
            'attempts' => $seen,
            'limit' => $limit,
        ]);
        $this->countAbuse($request, $who);
        $body = [
            'success' => false,
            'status_code' => 429,
            'message' => 'Too many requests. Please slow down.',
            'error' => 'rate_limit_exceeded',
            'retry_after' => $retry,
        ];
        return $this->withHeaders(response()->json($body, 429), $limit, 0, $resetAt, $retry);
    }

    /** Raw identities in the key names; the block is written and never read. */
    private function countAbuse(Request $request, string $who): void
    {
        $abuse = 'abuse:' . $who;
        $before = (int) Cache::get($abuse, 0);
        Cache::increment($abuse);
        Redis::expire(config('cache.prefix') . $abuse, 3600);
        if ($before <= self::ABUSE_AFTER) {
            return;
        }
        Log::critical('Potential API abuse detected', ['identifier' => $who, 'violations' => $before, 'path' => $request->path()]);
        Cache::put('blocked:' . $who, ['blocked_at' => Carbon::now()->toIso8601String(), 'reason' => 'Excessive rate limit violations'], Carbon::now()->addHours(24));
        Log::critical('Client blocked due to API abuse', ['identifier' => $who]);
    }

    private function withHeaders($response, int $limit, int $remaining, $resetAt, ?float $retry)
    {
        $response->headers->set('X-RateLimit-Limit', $limit);
        $response->headers->set('X-RateLimit-Remaining', max(0, $remaining));
        $response->headers->set('X-RateLimit-Reset', $resetAt->getTimestamp());
        if ($retry !== null) {
            $response->headers->set('Retry-After', $retry);
        }
        return $response;
    }
}
