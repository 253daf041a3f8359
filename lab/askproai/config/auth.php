<?php

// A guard that never logs anyone in: the limiter asks for the user first.
// The session is the array store and no request carries a login, so the
// provider's model is never loaded.
return [
    'defaults' => ['guard' => 'none'],
    'guards' => [
        'none' => ['driver' => 'session', 'provider' => 'nobody'],
    ],
    'providers' => [
        'nobody' => ['driver' => 'eloquent', 'model' => 'App\Models\User'],
    ],
];
