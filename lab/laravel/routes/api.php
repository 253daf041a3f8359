<?php

use App\Http\Controllers\BookingController;
use App\Http\Controllers\CalcomWebhookController;
use App\Http\Controllers\HealthController;
use App\Http\Controllers\RetellFunctionCallHandler;
use App\Http\Controllers\RetellWebhookController;
use Illuminate\Support\Facades\Route;

// `lab up --gateway laravel`: Laravel's own limiter only, no gateway limiter.
// Every route here also carries the api group's `throttle:api` (the kernel).

Route::get('health', [HealthController::class, 'show']);

Route::post('retell/collect-appointment', [RetellFunctionCallHandler::class, 'collectAppointment']);

Route::post('webhooks/calcom', [CalcomWebhookController::class, 'handle'])->middleware('throttle:webhooks');
// Built at run time: route:list names the result, throttle:30,1.
$webhookLimit = 30;
Route::post('webhooks/retell', [RetellWebhookController::class, 'handle'])->middleware('throttle:'.$webhookLimit.',1');

Route::prefix('v2')
    ->middleware(['api.performance', 'api.logging'])
    ->group(function () {
        Route::post('availability/simple', [BookingController::class, 'availability']);
        Route::post('bookings', [BookingController::class, 'store'])->middleware('throttle:bookings');
        Route::post('bookings/{id}/reschedule', [BookingController::class, 'reschedule'])->middleware('throttle:reschedule');
    });
