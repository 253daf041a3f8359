<?php

namespace App\Http\Controllers;

use App\Http\Requests\CollectAppointmentRequest;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;

/**
 * Retell's function calls during a phone call: collect, check, book.
 */
class RetellFunctionCallHandler extends Controller
{
    public function handleFunctionCall(Request $request): JsonResponse
    {
        $name = $request->input('name');

        return response()->json(['received' => $name]);
    }

    public function collectAppointment(CollectAppointmentRequest $request): JsonResponse
    {
        $validatedData = $request->getAppointmentData();
        $callId = $request->input('call.call_id');

        $datum = $validatedData['datum'];
        $uhrzeit = $validatedData['uhrzeit'];
        $name = $validatedData['name'];
        $dienstleistung = $validatedData['dienstleistung'];

        Log::info('Retell collect appointment', ['call_id' => $callId, 'datum' => $datum]);

        return response()->json([
            'success' => true,
            'appointment' => [
                'datum' => $datum,
                'uhrzeit' => $uhrzeit,
                'name' => $name,
                'dienstleistung' => $dienstleistung,
                'duration' => $validatedData['duration'],
            ],
        ]);
    }

    public function checkAvailabilityV17(CollectAppointmentRequest $request): JsonResponse
    {
        $data = $request->getAppointmentData();

        return response()->json(['available' => true, 'datum' => $data['datum'], 'uhrzeit' => $data['uhrzeit']]);
    }

    public function bookAppointmentV17(CollectAppointmentRequest $request): JsonResponse
    {
        $data = $request->getAppointmentData();
        if ($data['datum'] === null || $data['uhrzeit'] === null) {
            return response()->json(['success' => false, 'message' => 'Datum und Uhrzeit fehlen'], 400);
        }

        return response()->json(['success' => true, 'booked' => $data['datum'].' '.$data['uhrzeit'], 'for' => $data['name']]);
    }
}
