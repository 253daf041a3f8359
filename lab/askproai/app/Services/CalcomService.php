<?php

namespace App\Services;

use App\Models\Service;

/**
 * Cal.com's API for the Retell functions, through the breaker. As on the
 * baseline (REAL-GATEWAY.md §4) the breaker is a typed, non-nullable
 * property set in the constructor, used by four call()s, two getStatus()es
 * and one reset(). Comment its construction out and the property is never
 * initialised: every use throws, and `?->` does not help.
 */
class CalcomService
{
    protected CircuitBreaker $circuitBreaker;

    public function __construct()
    {
        // The baseline's numbers are 5, 60 and 2; the lab takes them from
        // its config so a trip test can wait less than a minute.
        $limits = config('gateway.breakers.calcom_api', []);
        $this->circuitBreaker = new CircuitBreaker('calcom_api', $limits['failure_threshold'] ?? 5, $limits['recovery_timeout'] ?? 60, $limits['success_threshold'] ?? 2);
    }

    public function getAvailableSlots(int $serviceId, string $date): array
    {
        return $this->circuitBreaker->call(fn () => $this->request('GET', '/v2/slots?' . http_build_query(['service_id' => $serviceId, 'date' => $date])));
    }

    public function createBooking(array $booking): array
    {
        return $this->circuitBreaker->call(fn () => $this->request('POST', '/v2/bookings', $booking));
    }

    public function cancelBooking(string $uid, string $reason): array
    {
        return $this->circuitBreaker->call(fn () => $this->request('POST', "/v2/bookings/{$uid}/cancel", ['reason' => $reason]));
    }

    public function rescheduleBooking(string $uid, string $start): array
    {
        return $this->circuitBreaker->call(fn () => $this->request('POST', "/v2/bookings/{$uid}/reschedule", ['start' => $start]));
    }

    // Typed with the app's model, as the baseline's event-type methods are.
    public function createEventType(Service $service): array
    {
        return $this->circuitBreaker->call(fn () => $this->request('POST', '/v2/event-types', ['title' => (string) $service->getAttribute('name')]));
    }

    public function updateEventType(Service $service): array
    {
        return $this->circuitBreaker->call(fn () => $this->request('PATCH', '/v2/event-types/' . (int) $service->getKey(), ['title' => (string) $service->getAttribute('name')]));
    }

    public function syncService(Service $service): array
    {
        return $this->updateEventType($service);
    }

    public function healthCheck(): array
    {
        $breaker = $this->circuitBreaker->getStatus();
        return ['healthy' => $breaker['state'] !== 'open', 'circuit_breaker' => $breaker];
    }

    public function getCircuitBreakerStatus(): array
    {
        return $this->circuitBreaker->getStatus();
    }

    public function resetCircuitBreaker(): void
    {
        $this->circuitBreaker->reset();
    }

    private function request(string $method, string $path, ?array $body = null): array
    {
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => "Content-Type: application/json\r\nAccept: application/json\r\n",
            'content' => $body === null ? '' : json_encode($body),
            'timeout' => (float) config('gateway.calcom.timeout', 5),
            'ignore_errors' => true,
        ]]);
        $raw = @file_get_contents(config('gateway.calcom.base_url') . $path, false, $context);
        if ($raw === false) {
            throw new CalcomApiException("Cal.com unreachable: {$method} {$path}");
        }
        $status = 0;
        if (isset($http_response_header[0]) && preg_match('#^HTTP/\S+\s+(\d{3})#', $http_response_header[0], $m)) {
            $status = (int) $m[1];
        }
        if ($status === 0 || $status >= 400) {
            throw new CalcomApiException("Cal.com answered {$status}: {$method} {$path}");
        }
        return json_decode($raw, true) ?? [];
    }
}
