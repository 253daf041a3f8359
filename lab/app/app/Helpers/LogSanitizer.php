<?php

namespace App\Helpers;

/**
 * Redacts sensitive keys at any depth, Luhn-valid card numbers, and hashes
 * the local part of email addresses (domain kept).
 */
class LogSanitizer
{
    private const CARD = '/(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])/';
    private const EMAIL = '/([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/';

    public static function sanitize(array $data): array
    {
        $out = [];
        foreach ($data as $key => $value) {
            if (is_string($key) && self::isSensitive($key)) {
                $out[$key] = config('gateway.sanitizer.redaction', '[REDACTED]');
            } elseif (is_array($value)) {
                $out[$key] = self::sanitize($value);
            } elseif (is_string($value)) {
                $out[$key] = self::redactText($value);
            } else {
                $out[$key] = $value;
            }
        }

        return $out;
    }

    private static function isSensitive(string $key): bool
    {
        $normal = str_replace('-', '_', strtolower($key));
        foreach (config('gateway.sanitizer.keys') as $needle) {
            if (strpos($normal, $needle) !== false) {
                return true;
            }
        }

        return false;
    }

    public static function redactText(string $text): string
    {
        $redaction = config('gateway.sanitizer.redaction', '[REDACTED]');
        $text = preg_replace_callback(self::CARD, function ($m) use ($redaction) {
            return self::luhn($m[0]) ? $redaction : $m[0];
        }, $text);
        $chars = config('gateway.sanitizer.email_hash_chars', 12);

        return preg_replace_callback(self::EMAIL, function ($m) use ($chars) {
            return substr(hash('sha256', $m[1]), 0, $chars).'@'.$m[2];
        }, $text);
    }

    private static function luhn(string $candidate): bool
    {
        $digits = strrev(preg_replace('/[^0-9]/', '', $candidate));
        $sum = 0;
        for ($i = 0; $i < strlen($digits); $i++) {
            $d = (int) $digits[$i];
            if ($i % 2 === 1) {
                $d *= 2;
                if ($d > 9) {
                    $d -= 9;
                }
            }
            $sum += $d;
        }

        return $sum % 10 === 0;
    }
}
