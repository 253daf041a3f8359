<?php

/*
|--------------------------------------------------------------------------
| The lab's baseline routes
|--------------------------------------------------------------------------
|
| Shaped like routes/api.php of the app the activation plan was written
| for (REAL-GATEWAY.md §2): webhook and Retell routes behind Laravel's own
| throttle, the health routes, and the v2 group behind api.rate-limit with
| its per-route api.rate-limit:N,M entries. The route `GET v2/test` stands
| at lines 161-164, as in that file, so the plan's line-number rollback
| (`sed '161,164s/^/\/\/ ROLLBACK: /'`) hits the same target here. The
| controllers are the lab's own.
|
*/

use App\Http\Controllers\BookingController;
use App\Http\Controllers\CalcomWebhookController;
use App\Http\Controllers\HealthController;
use App\Http\Controllers\RetellApiController;
use App\Http\Controllers\RetellFunctionCallHandler;
use App\Http\Controllers\RetellWebhookController;
use App\Http\Controllers\V2Controller;
use Illuminate\Support\Facades\Route;

// ---- Legacy Retell webhook ---------------------------------------------
// Kept for agents that still post to the old address.
Route::post('webhook', [RetellWebhookController::class, 'handle'])
    ->middleware(['throttle:60,1']);

// ---- Cal.com webhooks --------------------------------------------------
Route::prefix('calcom')->group(function () {
    // Cal.com pings the endpoint when the webhook is saved.
    Route::get('webhook', [HealthController::class, 'show']);

    Route::post('webhook', [CalcomWebhookController::class, 'handle'])
        ->middleware(['throttle:60,1']);
});

// ---- Webhooks ----------------------------------------------------------
Route::prefix('webhooks')->group(function () {
    // Cal.com
    Route::get('calcom', [HealthController::class, 'show']);

    Route::post('calcom', [CalcomWebhookController::class, 'handle'])
        ->middleware(['throttle:60,1']);

    // Retell call events
    Route::post('retell', [RetellWebhookController::class, 'handle'])
        ->middleware(['throttle:60,1']);

    // Retell function calls during a live call
    Route::post('retell/function', [RetellApiController::class, 'checkAvailability'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);

    Route::post('retell/function-call', [RetellApiController::class, 'checkAvailability'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);

    Route::post('retell/collect-appointment', [RetellFunctionCallHandler::class, 'collectAppointment'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);

    Route::post('retell/check-availability', [RetellApiController::class, 'checkAvailability'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);
});

// ---- Health ------------------------------------------------------------
Route::get('health', [HealthController::class, 'show']);
Route::get('health/detailed', [HealthController::class, 'show'])
    ->middleware(['throttle:10,1']);

// ---- Time information for the voice agent ---------------------------------
Route::get('zeitinfo', [HealthController::class, 'show'])
    ->middleware(['throttle:100,1']);

// ---- The contract lab's Retell route, kept for the shared tooling -----------
Route::post('retell/collect-appointment', [RetellFunctionCallHandler::class, 'collectAppointment'])
    ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);

// ---- Retell API functions ------------------------------------------------
Route::prefix('retell')->group(function () {
    Route::post('check-customer', [RetellFunctionCallHandler::class, 'collectAppointment'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);

    Route::post('check-availability', [RetellApiController::class, 'checkAvailability'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:100,1']);

    Route::post('book-appointment', [RetellApiController::class, 'bookAppointment'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:60,1']);

    Route::post('cancel-appointment', [RetellApiController::class, 'cancelAppointment'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:30,1']);

    Route::post('reschedule-appointment', [RetellApiController::class, 'rescheduleAppointment'])
        ->middleware(['retell.function.whitelist', 'retell.call.ratelimit', 'throttle:30,1']);
});
// ---- Reserved: v1 routes were removed in the v2 migration ----------------
// The v1 API (customers, calls, appointments) answered from the old
// monolith. Its routes were removed when the v2 booking flow went live;
// clients still calling them get 404. What each v1 call became in v2:
//
//   GET v1/customers
//     → the admin panel's customer list
//   GET v1/calls
//     → the admin panel's call log
//   GET v1/appointments
//     → POST v2/availability/simple, then POST v2/bookings
//   POST v1/appointments
//     → POST v2/bookings
//   PATCH v1/appointments/{id}
//     → PATCH v2/bookings/{id}/reschedule
//   DELETE v1/appointments/{id}
//     → DELETE v2/bookings/{id}
//   POST v1/payments/create-payment-intent
//     → the Stripe checkout, outside this file
//   GET v1/services
//     → GET v2/calcom/drift-status (event types)

// ---- Cal.com health ------------------------------------------------------
Route::prefix('health/calcom')->group(function () {
    Route::get('/', [RetellApiController::class, 'breakerStatus']);

    Route::get('detailed', [RetellApiController::class, 'breakerStatus'])
        ->middleware('throttle:10,1');

    Route::get('metrics', [HealthController::class, 'show'])
        ->middleware('throttle:30,1');

    Route::post('check', [HealthController::class, 'show'])
        ->middleware('throttle:5,1');
});

// ---- Translation for the voice agent ----------------------------------------
Route::post('translate', [HealthController::class, 'show'])
    ->name('api.translate');

Route::post('detect-language', [HealthController::class, 'show'])
    ->name('api.detect-language');

// ---- Monitoring (disabled) -----------------------------------------------
// Route::prefix('monitoring')->group(function () {
//     Route::get('dashboard', [HealthController::class, 'show']);
//     Route::get('health', [HealthController::class, 'show']);
//     Route::get('metrics', [HealthController::class, 'show']);
// });















// Test route without middleware
Route::get('v2/test', [
    V2Controller::class, 'answer',
]);

// ---- V2: bookings and availability, behind the gateway's own limiter -------
Route::prefix('v2')
    ->middleware([
        'api.rate-limit',
        'api.performance',
        'api.logging',
    ])
    ->group(function () {
        Route::post('availability/simple', [V2Controller::class, 'answer']);
        Route::post('availability/composite', [V2Controller::class, 'answer']);

        Route::post('bookings', [V2Controller::class, 'answer'])
            ->middleware('api.rate-limit:30,60');
        Route::patch('bookings/{id}/reschedule', [V2Controller::class, 'answer'])
            ->middleware('api.rate-limit:10,60');
        Route::delete('bookings/{id}', [V2Controller::class, 'answer'])
            ->middleware('api.rate-limit:10,60');

        Route::prefix('composite-booking')->group(function () {
            Route::get('availability', [V2Controller::class, 'answer']);
            Route::post('book', [V2Controller::class, 'answer']);
        });

        Route::post('communications/confirmation', [V2Controller::class, 'answer']);

        Route::post('calcom/push-event-types', [V2Controller::class, 'answer'])
            ->middleware('api.rate-limit:10,300');
        Route::get('calcom/drift-status', [V2Controller::class, 'answer']);
    });
