<?php

namespace App\Http\Requests;

use Illuminate\Foundation\Http\FormRequest;

class CollectAppointmentRequest extends FormRequest
{
    public function authorize()
    {
        return true;
    }

    public function rules()
    {
        return [
            'name' => ['required', 'string', 'max:100', 'regex:/^[\pL\s\'\-\.]+$/u'],
            'email' => ['nullable', 'email'],
            'phone' => ['nullable', 'string', 'regex:/^\+?[0-9 \-]{6,20}$/'],
            'date' => ['required', 'date_format:Y-m-d'],
            'time' => ['required', 'date_format:H:i'],
            'service_id' => ['required', 'integer'],
        ];
    }

    public function getAppointmentData(): array
    {
        return $this->only(['name', 'email', 'phone', 'date', 'time', 'service_id']);
    }
}
