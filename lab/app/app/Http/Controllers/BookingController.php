<?php

namespace App\Http\Controllers;

use App\Services\CalcomService;
use App\Services\CircuitOpenException;
use App\Services\UpstreamFailure;
use Illuminate\Http\Request;

class BookingController extends Controller
{
    public function availability(Request $request, CalcomService $calcom)
    {
        $input = $this->validate($request, [
            'service_id' => 'required|integer',
            'date' => 'required|date_format:Y-m-d',
        ]);
        try {
            $answer = $calcom->availability((int) $input['service_id'], $input['date']);
        } catch (CircuitOpenException $e) {
            return response()->json(['error' => 'service_unavailable', 'retry_after' => $e->retryAfter], 503, ['Retry-After' => (string) $e->retryAfter]);
        } catch (UpstreamFailure $e) {
            return response()->json(['error' => 'upstream_unavailable'], 503);
        }

        return response()->json([
            'service_id' => (int) $input['service_id'],
            'date' => $input['date'],
            'slots' => $answer['body']['slots'] ?? [],
        ]);
    }

    public function store(Request $request, CalcomService $calcom)
    {
        $input = $this->validate($request, [
            'service_id' => 'required|integer',
            'start' => 'required|date',
            'name' => 'required|string|max:255',
            'email' => 'required|email',
        ]);
        try {
            $answer = $calcom->createBooking($input);
        } catch (CircuitOpenException $e) {
            return $this->unavailable('Cal.com is unavailable (circuit open)', $e->retryAfter);
        } catch (UpstreamFailure $e) {
            return $this->unavailable('Cal.com is unavailable', null);
        }

        return response()->json(['booking' => $answer['body']], 201);
    }

    public function reschedule(Request $request, string $id)
    {
        return response()->json(['id' => $id, 'status' => 'rescheduled']);
    }

    private function unavailable(string $message, ?int $retryAfter)
    {
        $error = ['code' => 'upstream_unavailable', 'message' => $message];
        if ($retryAfter !== null) {
            $error['retry_after'] = $retryAfter;
        }

        return response()->json(['error' => $error], 503);
    }
}
