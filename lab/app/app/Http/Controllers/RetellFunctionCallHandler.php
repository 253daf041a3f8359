<?php

namespace App\Http\Controllers;

use App\Helpers\LogSanitizer;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;

class RetellFunctionCallHandler extends Controller
{
    // Known issue (the plan's Issue 1): CollectAppointmentRequest exists but is
    // not used here, so appointment input is not validated.
    public function collectAppointment(Request $request)
    {
        $data = $request->all();
        Log::info('Retell collect appointment', LogSanitizer::sanitize($data));

        return response()->json(['status' => 'collected', 'name' => $data['name'] ?? null]);
    }
}
