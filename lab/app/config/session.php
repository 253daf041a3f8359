<?php

// The array store, with what the cookie jar reads when an auth guard asks
// for the user (Laravel's own throttle, a limiter keyed by user).
return [
    'driver' => 'array',
    'lifetime' => 120,
    'cookie' => 'gateway_session',
    'path' => '/',
    'domain' => null,
    'secure' => false,
    'same_site' => null,
];
