<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

/**
 * The v2 routes of the baseline answer from their own Cal.com client, not
 * through the circuit breaker (REAL-GATEWAY.md §4): here they answer at once.
 */
class V2Controller extends Controller
{
    public function answer(Request $request)
    {
        return response()->json(['success' => true, 'path' => $request->path()]);
    }
}
