<?php

namespace App\Services;

use RuntimeException;

class CircuitOpenException extends RuntimeException
{
    public function __construct(public string $service, public int $retryAfter)
    {
        parent::__construct("circuit breaker for {$service} is open");
    }
}
