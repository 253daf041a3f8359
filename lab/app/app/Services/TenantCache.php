<?php

namespace App\Services;

use Illuminate\Support\Facades\Cache;

/** Multi-tenant cache isolation: every application cache key carries the tenant. */
class TenantCache
{
    public static function key(int $companyId, string $name): string
    {
        return "tenant:{$companyId}:{$name}";
    }

    public static function remember(int $companyId, string $name, int $seconds, callable $compute)
    {
        return Cache::remember(self::key($companyId, $name), $seconds, $compute);
    }
}
