<?php

namespace App\Http\Controllers;

use App\Helpers\LogSanitizer;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;

class RetellWebhookController extends Controller
{
    public function handle(Request $request)
    {
        $data = $request->all();
        Log::info('Retell webhook received', LogSanitizer::sanitize($data));

        return response()->json(['received' => true]);
    }
}
