<?php

use App\Http\Controllers\BookingController;
use App\Http\Controllers\CalcomWebhookController;
use App\Http\Controllers\HealthController;
use App\Http\Controllers\RetellFunctionCallHandler;
use App\Http\Controllers\RetellWebhookController;
use Illuminate\Support\Facades\Route;

Route::get('health', [HealthController::class, 'show']);

Route::post('retell/collect-appointment', [RetellFunctionCallHandler::class, 'collectAppointment']);

Route::post('webhooks/calcom', [CalcomWebhookController::class, 'handle'])->middleware('api.rate-limit');
Route::post('webhooks/retell', [RetellWebhookController::class, 'handle'])->middleware('api.rate-limit');

Route::prefix('v2')
    ->middleware([
        'api.rate-limit',
        'api.performance',
        'api.logging'
    ])
    ->group(function () {
        Route::post('availability/simple', [BookingController::class, 'availability']);
        Route::post('bookings', [BookingController::class, 'store']);
        Route::post('bookings/{id}/reschedule', [BookingController::class, 'reschedule']);
    });
