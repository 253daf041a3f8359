<?php

namespace App\Services;

/** Thrown, without calling Cal.com, while the breaker is open. */
class CircuitBreakerOpenException extends \RuntimeException
{
}
