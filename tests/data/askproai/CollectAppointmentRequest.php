<?php

namespace App\Http\Requests;

use Illuminate\Foundation\Http\FormRequest;

/**
 * A Retell function call's appointment: the fields sit under `args`, in
 * German or in English.
 */
class CollectAppointmentRequest extends FormRequest
{
    public function authorize(): bool
    {
        return true;
    }

    public function rules(): array
    {
        return [
            'args' => ['required', 'array'],
            'args.datum' => ['nullable', 'string', 'max:30'],
            'args.date' => ['nullable', 'string', 'max:30'],
            'args.uhrzeit' => ['nullable', 'string', 'max:10'],
            'args.time' => ['nullable', 'string', 'max:10'],
            'args.name' => ['nullable', 'string', 'max:150'],
            'args.customer_name' => ['nullable', 'string', 'max:150'],
            'args.dienstleistung' => ['nullable', 'string', 'max:150'],
            'args.service' => ['nullable', 'string', 'max:150'],
            'args.email' => ['nullable', 'email', 'max:255'],
            'args.duration' => ['nullable', 'integer', 'min:15', 'max:480'],
        ];
    }

    /**
     * The appointment as the handler reads it: German keys, English
     * fallbacks, markup stripped, the e-mail cleaned, 60 minutes by default.
     */
    public function getAppointmentData(): array
    {
        $args = $this->input('args', []);

        return [
            'datum' => $this->clean($args['datum'] ?? $args['date'] ?? null),
            'uhrzeit' => $this->clean($args['uhrzeit'] ?? $args['time'] ?? null),
            'name' => $this->clean($args['name'] ?? $args['customer_name'] ?? null),
            'dienstleistung' => $this->clean($args['dienstleistung'] ?? $args['service'] ?? null),
            'email' => isset($args['email']) ? strtolower(trim(filter_var($args['email'], FILTER_SANITIZE_EMAIL))) : null,
            'duration' => (int) ($args['duration'] ?? 60),
        ];
    }

    private function clean(?string $value): ?string
    {
        if ($value === null) {
            return null;
        }

        return trim(str_replace(['<', '>', '"', '{', '}'], '', strip_tags($value)));
    }
}
