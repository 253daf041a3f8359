<?php
// gatewayctl: boots the Laravel app of a shadow copy for a script run in it
// (`require __DIR__.'/gatewayctl-boot.php';`). argv[1] is the shadow's dir;
// this sets $app_dir and $app, the app bootstrapped as artisan would.
$app_dir = $argv[1];
require $app_dir.'/vendor/autoload.php';
// vendor/ is the app's own (linked): its autoloader resolves App\ to the real
// app. The shadow's edited classes must win, so they load first.
spl_autoload_register(function ($class) use ($app_dir) {
    if (strncmp($class, 'App\\', 4) === 0) {
        $file = $app_dir.'/app/'.str_replace('\\', '/', substr($class, 4)).'.php';
        if (is_file($file)) {
            require $file;
        }
    }
}, true, true);
$app = require $app_dir.'/bootstrap/app.php';
$app->make(Illuminate\Contracts\Console\Kernel::class)->bootstrap();
