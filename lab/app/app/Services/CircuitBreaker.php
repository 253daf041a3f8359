<?php

namespace App\Services;

use Illuminate\Support\Facades\Log;
use Illuminate\Support\Facades\Redis;

/**
 * closed → open after `failureThreshold` consecutive failures; open fails
 * fast for `recoveryTimeout` seconds; then half_open lets calls through and
 * closes after `successThreshold` successes, or reopens on a failure.
 */
class CircuitBreaker
{
    public function __construct(
        private string $serviceName,
        private int $failureThreshold = 5,
        private int $recoveryTimeout = 60,
        private int $successThreshold = 2
    ) {
    }

    public function call(callable $operation)
    {
        $state = Redis::get($this->key('state')) ?: 'closed';
        if ($state === 'open') {
            $elapsed = time() - (int) Redis::get($this->key('opened_at'));
            if ($elapsed < $this->recoveryTimeout) {
                throw new CircuitOpenException($this->serviceName, $this->recoveryTimeout - $elapsed);
            }
            Redis::set($this->key('state'), 'half_open');
            Redis::set($this->key('success_count'), 0);
            Log::info('Circuit breaker half-open', ['service' => $this->serviceName]);
            $state = 'half_open';
        }

        try {
            $result = $operation();
        } catch (UpstreamFailure $e) {
            $this->recordFailure($state);
            throw $e;
        }
        $this->recordSuccess($state);

        return $result;
    }

    private function recordFailure(string $state): void
    {
        if ($state === 'half_open') {
            $this->open();

            return;
        }
        if (Redis::incr($this->key('failure_count')) >= $this->failureThreshold) {
            $this->open();
        }
    }

    private function recordSuccess(string $state): void
    {
        if ($state !== 'half_open') {
            Redis::set($this->key('failure_count'), 0);

            return;
        }
        if (Redis::incr($this->key('success_count')) >= $this->successThreshold) {
            Redis::set($this->key('state'), 'closed');
            Redis::set($this->key('failure_count'), 0);
            Redis::set($this->key('success_count'), 0);
            Log::info('Circuit breaker closed', ['service' => $this->serviceName]);
        }
    }

    private function open(): void
    {
        Redis::set($this->key('state'), 'open');
        Redis::set($this->key('opened_at'), time());
        Redis::set($this->key('success_count'), 0);
        Log::warning('Circuit breaker opened', ['service' => $this->serviceName]);
    }

    private function key(string $name): string
    {
        return "circuit_breaker:{$this->serviceName}:{$name}";
    }
}
