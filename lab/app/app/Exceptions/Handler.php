<?php

namespace App\Exceptions;

use Illuminate\Foundation\Exceptions\Handler as ExceptionHandler;
use Illuminate\Validation\ValidationException;
use Symfony\Component\HttpKernel\Exception\HttpExceptionInterface;
use Throwable;

class Handler extends ExceptionHandler
{
    protected $dontFlash = ['password', 'password_confirmation'];

    /**
     * API errors are JSON, never an HTML page or a stack trace.
     */
    public function render($request, Throwable $e)
    {
        if ($e instanceof ValidationException) {
            return response()->json(['error' => [
                'code' => 'validation_failed',
                'message' => $e->getMessage(),
                'fields' => $e->errors(),
            ]], 422);
        }
        if ($e instanceof HttpExceptionInterface) {
            return response()->json(['error' => [
                'code' => 'http_'.$e->getStatusCode(),
                'message' => $e->getMessage() ?: 'HTTP error',
            ]], $e->getStatusCode(), $e->getHeaders());
        }

        return response()->json(['error' => [
            'code' => 'internal_error',
            'message' => 'The gateway could not complete the request.',
        ]], 500);
    }
}
