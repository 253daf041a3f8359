<?php

return [
    'driver' => 'array',
    'lifetime' => 120,
    'cookie' => 'gateway_session',
];
