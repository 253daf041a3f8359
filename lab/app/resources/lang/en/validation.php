<?php

return [
    'date' => 'The :attribute is not a valid date.',
    'date_format' => 'The :attribute does not match the format :format.',
    'email' => 'The :attribute must be a valid email address.',
    'integer' => 'The :attribute must be an integer.',
    'max' => ['string' => 'The :attribute may not be greater than :max characters.'],
    'regex' => 'The :attribute format is invalid.',
    'required' => 'The :attribute field is required.',
    'string' => 'The :attribute must be a string.',
];
