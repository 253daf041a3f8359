<?php

// Laravel 8 from Debian's php-laravel-framework: no composer, one autoloader
// for Illuminate, Symfony, Monolog, Carbon and Dotenv, plus App\ -> app/.
require_once '/usr/share/php/Illuminate/autoload.php';

spl_autoload_register(function ($class) {
    if (strncmp($class, 'App\\', 4) === 0) {
        $file = __DIR__.'/../app/'.str_replace('\\', '/', substr($class, 4)).'.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
