<?php

namespace App\Http\Controllers;

use App\Helpers\LogSanitizer;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;

class CalcomWebhookController extends Controller
{
    public function handle(Request $request)
    {
        $data = $request->all();
        Log::info('Cal.com webhook received', LogSanitizer::sanitize($data));

        return response()->json(['received' => true]);
    }
}
