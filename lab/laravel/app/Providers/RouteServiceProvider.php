<?php

namespace App\Providers;

use Illuminate\Cache\RateLimiting\Limit;
use Illuminate\Foundation\Support\Providers\RouteServiceProvider as ServiceProvider;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\RateLimiter;
use Illuminate\Support\Facades\Route;

// `lab up --gateway laravel`: an API limited by Laravel's own limiter alone,
// written as Laravel 8 apps write it: named limiters defined here, applied
// by the kernel's api group (`throttle:api`) and by `throttle:<name>` in
// routes/api.php.
class RouteServiceProvider extends ServiceProvider
{
    public function boot()
    {
        $this->configureRateLimiting();

        $this->routes(function () {
            Route::prefix('api')
                ->middleware('api')
                ->group(base_path('routes/api.php'));
        });
    }

    protected function configureRateLimiting()
    {
        // As `laravel new` ships it: 60 a minute, by user, else by address.
        RateLimiter::for('api', function (Request $request) {
            return Limit::perMinute(60)->by(optional($request->user())->id ?: $request->ip());
        });

        // A login-style limit keyed by an input field and the address.
        RateLimiter::for('reschedule', function (Request $request) {
            return Limit::perMinute(5)->by($request->input('email').$request->ip());
        });

        // Two limits at once, each with its own key.
        RateLimiter::for('bookings', function (Request $request) {
            return [
                Limit::perMinute(8)->by('minute:'.$request->ip()),
                Limit::perDay(1000)->by('day:'.$request->ip()),
            ];
        });

        // Members pass; guests get 6 a minute.
        RateLimiter::for('webhooks', function (Request $request) {
            return $request->user()
                ? Limit::none()
                : Limit::perMinute(6)->by($request->ip());
        });
    }
}
