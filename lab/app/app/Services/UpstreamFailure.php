<?php

namespace App\Services;

use RuntimeException;

/** A connection error, a timeout or a 5xx: what the breaker counts. */
class UpstreamFailure extends RuntimeException
{
}
