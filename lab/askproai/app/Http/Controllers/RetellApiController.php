<?php

namespace App\Http\Controllers;

use App\Services\CalcomService;
use App\Services\CircuitBreakerOpenException;
use Illuminate\Http\Request;

/**
 * The Retell functions that reach Cal.com: on the baseline these, not the
 * v2 routes, go through CalcomService and so through the breaker.
 */
class RetellApiController extends Controller
{
    public function checkAvailability(Request $request, CalcomService $calcom)
    {
        $args = $request->input('args', $request->all());
        return $this->answer(fn () => $calcom->getAvailableSlots((int) ($args['service_id'] ?? 1), (string) ($args['date'] ?? date('Y-m-d'))));
    }

    public function bookAppointment(Request $request, CalcomService $calcom)
    {
        $args = $request->input('args', $request->all());
        return $this->answer(fn () => $calcom->createBooking(['service_id' => (int) ($args['service_id'] ?? 1), 'start' => (string) ($args['start'] ?? '')]));
    }

    public function cancelAppointment(Request $request, CalcomService $calcom)
    {
        $args = $request->input('args', $request->all());
        return $this->answer(fn () => $calcom->cancelBooking((string) ($args['booking_id'] ?? ''), (string) ($args['reason'] ?? 'caller')));
    }

    public function rescheduleAppointment(Request $request, CalcomService $calcom)
    {
        $args = $request->input('args', $request->all());
        return $this->answer(fn () => $calcom->rescheduleBooking((string) ($args['booking_id'] ?? ''), (string) ($args['start'] ?? '')));
    }

    public function breakerStatus(CalcomService $calcom)
    {
        return response()->json($calcom->healthCheck());
    }

    /** A call the breaker refused is a 503; any other failure a 502. */
    private function answer(callable $call)
    {
        try {
            return response()->json(['success' => true, 'data' => $call()]);
        } catch (CircuitBreakerOpenException $e) {
            return response()->json(['success' => false, 'error' => 'circuit_open', 'message' => $e->getMessage()], 503);
        } catch (\Throwable $e) {
            return response()->json(['success' => false, 'error' => 'calcom_failed', 'message' => $e->getMessage()], 502);
        }
    }
}
