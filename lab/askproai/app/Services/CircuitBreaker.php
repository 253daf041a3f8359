<?php

namespace App\Services;

use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Log;

/**
 * The baseline's breaker, rebuilt for the lab from REAL-GATEWAY.md §4 (none
 * of that app's code): its state goes through the Cache facade, so it lives
 * in the cache store's database under both prefixes, strings PHP-serialized
 * (`s:4:"open";`) and integers raw. Any Throwable from the call is a
 * failure, a Cal.com 4xx included.
 */
class CircuitBreaker
{
    /** The state and the time it opened, kept a day. */
    private const STATE_TTL = 86400;

    /** The failure and success counts, kept five minutes. */
    private const COUNT_TTL = 300;

    public function __construct(
        private string $service,
        private int $failureThreshold = 5,
        private int $recoveryTimeout = 60,
        private int $successThreshold = 2
    ) {
    }

    public function call(callable $operation)
    {
        $state = $this->state();
        if ($state === 'open') {
            $since = time() - (int) Cache::get($this->key('opened_at'), 0);
            if ($since < $this->recoveryTimeout) {
                throw new CircuitBreakerOpenException("Circuit breaker for {$this->service} is open; retry in " . ($this->recoveryTimeout - $since) . ' s');
            }
            $this->enter('half_open');
            Cache::put($this->key('successes'), 0, self::COUNT_TTL);
            $state = 'half_open';
        }

        try {
            $result = $operation();
        } catch (\Throwable $e) {
            $this->failed($state);
            throw $e;
        }
        $this->succeeded($state);

        return $result;
    }

    public function getStatus(): array
    {
        return [
            'service' => $this->service,
            'state' => $this->state(),
            'failures' => (int) Cache::get($this->key('failures'), 0),
            'successes' => (int) Cache::get($this->key('successes'), 0),
            'opened_at' => Cache::get($this->key('opened_at')),
        ];
    }

    public function reset(): void
    {
        foreach (['state', 'failures', 'successes', 'opened_at'] as $name) {
            Cache::forget($this->key($name));
        }
        Log::info('Circuit breaker reset', ['service' => $this->service]);
    }

    private function state(): string
    {
        return Cache::get($this->key('state'), 'closed');
    }

    private function failed(string $state): void
    {
        if ($state === 'half_open') {
            $this->open();
            return;
        }
        $failures = (int) Cache::get($this->key('failures'), 0) + 1;
        Cache::put($this->key('failures'), $failures, self::COUNT_TTL);
        if ($failures >= $this->failureThreshold) {
            $this->open();
        }
    }

    private function succeeded(string $state): void
    {
        if ($state !== 'half_open') {
            Cache::forget($this->key('failures'));
            return;
        }
        $successes = (int) Cache::get($this->key('successes'), 0) + 1;
        Cache::put($this->key('successes'), $successes, self::COUNT_TTL);
        if ($successes >= $this->successThreshold) {
            $this->enter('closed');
            Cache::forget($this->key('failures'));
            Cache::forget($this->key('successes'));
        }
    }

    private function open(): void
    {
        $this->enter('open');
        Cache::put($this->key('opened_at'), time(), self::STATE_TTL);
    }

    private function enter(string $state): void
    {
        Cache::put($this->key('state'), $state, self::STATE_TTL);
        Log::warning("Circuit breaker {$state}", ['service' => $this->service]);
    }

    private function key(string $name): string
    {
        return "circuit_breaker:{$this->service}:{$name}";
    }
}
