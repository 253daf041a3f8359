<?php

namespace App\Services;

/** Cal.com refused or failed a call (any status from 400 on). */
class CalcomApiException extends \RuntimeException
{
}
