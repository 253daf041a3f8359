<?php

namespace App\Services;

/**
 * Cal.com's API through the circuit breaker, in the usual shape: the breaker
 * is called unguarded. (The lab variant `lab up --calcom unguarded`: with the
 * construction commented out, every call here would throw "Call to a member
 * function call() on null".)
 */
class CalcomService
{
    private $circuitBreaker;

    public function __construct()
    {
        $breaker = config('gateway.breakers.calcom_api');
        $this->circuitBreaker = new CircuitBreaker(
            serviceName: 'calcom_api',
            failureThreshold: $breaker['failure_threshold'],
            recoveryTimeout: $breaker['recovery_timeout'],
            successThreshold: $breaker['success_threshold']
        );
    }

    public function availability(int $serviceId, string $date): array
    {
        return $this->send('GET', '/v2/slots?'.http_build_query(['service_id' => $serviceId, 'date' => $date]));
    }

    public function createBooking(array $booking): array
    {
        return $this->send('POST', '/v2/bookings', $booking);
    }

    private function send(string $method, string $path, ?array $body = null): array
    {
        $request = function () use ($method, $path, $body) {
            return $this->request($method, $path, $body);
        };

        return $this->circuitBreaker->call($request);
    }

    private function request(string $method, string $path, ?array $body): array
    {
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => "Content-Type: application/json\r\nAccept: application/json\r\n",
            'content' => $body === null ? '' : json_encode($body),
            'timeout' => (float) config('gateway.calcom.timeout', 5),
            'ignore_errors' => true,
        ]]);
        $raw = @file_get_contents(config('gateway.calcom.base_url').$path, false, $context);
        if ($raw === false) {
            throw new UpstreamFailure("Cal.com unreachable: {$method} {$path}");
        }
        $status = 0;
        if (isset($http_response_header[0]) && preg_match('#^HTTP/\S+\s+(\d{3})#', $http_response_header[0], $m)) {
            $status = (int) $m[1];
        }
        if ($status === 0 || $status >= 500) {
            throw new UpstreamFailure("Cal.com answered {$status}: {$method} {$path}");
        }

        return ['status' => $status, 'body' => json_decode($raw, true) ?? []];
    }
}
