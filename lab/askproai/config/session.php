<?php

// The contract lab's session config, with what the cookie jar reads when
// the auth guard asks for the user.
return [
    'driver' => 'array',
    'lifetime' => 120,
    'cookie' => 'gateway_session',
    'path' => '/',
    'domain' => null,
    'secure' => false,
    'same_site' => null,
];
