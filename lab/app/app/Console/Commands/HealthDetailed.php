<?php

namespace App\Console\Commands;

use Illuminate\Console\Command;
use Illuminate\Support\Facades\Redis;

/** `php artisan health:detailed`: JSON, exit 0 only when healthy. */
class HealthDetailed extends Command
{
    protected $signature = 'health:detailed';

    protected $description = 'Detailed health of the gateway as JSON';

    public function handle()
    {
        $checks = [
            'redis' => $this->redis(),
            'calcom_breaker' => ['state' => $this->breakerState()],
            'disk' => $this->disk(),
            'log' => ['errors_last_hour' => $this->recentErrors()],
        ];
        $status = 'healthy';
        if (! $checks['redis']['ok']) {
            $status = 'unhealthy';
        } elseif ($checks['calcom_breaker']['state'] !== 'closed' || $checks['log']['errors_last_hour'] > 0 || $checks['disk']['free_percent'] < 10) {
            $status = 'degraded';
        }
        $this->line(json_encode(['status' => $status, 'checks' => $checks], JSON_UNESCAPED_SLASHES));

        return $status === 'healthy' ? 0 : 1;
    }

    private function redis(): array
    {
        try {
            $started = microtime(true);
            $client = Redis::connection()->client();
            if ($client instanceof \RedisCluster) {
                // A cluster is up when every primary answers.
                foreach ($client->_masters() as $master) {
                    $client->ping($master);
                }
            } else {
                $client->ping();
            }

            return ['ok' => true, 'latency_ms' => round((microtime(true) - $started) * 1000, 2)];
        } catch (\Throwable $e) {
            return ['ok' => false, 'error' => $e->getMessage()];
        }
    }

    private function breakerState(): string
    {
        try {
            return Redis::get('circuit_breaker:calcom_api:state') ?: 'closed';
        } catch (\Throwable $e) {
            return 'unknown';
        }
    }

    private function disk(): array
    {
        $total = disk_total_space(base_path()) ?: 1;

        return ['free_percent' => round(disk_free_space(base_path()) / $total * 100, 1)];
    }

    private function recentErrors(): int
    {
        $path = storage_path('logs/laravel.log');
        if (! is_file($path)) {
            return 0;
        }
        $since = gmdate('Y-m-d H:i:s', time() - 3600);
        $handle = fopen($path, 'r');
        fseek($handle, max(0, filesize($path) - 1048576));
        $count = 0;
        while (($line = fgets($handle)) !== false) {
            if (preg_match('/^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\] \w+\.(ERROR|CRITICAL|ALERT|EMERGENCY):/', $line, $m) && $m[1] >= $since) {
                $count++;
            }
        }
        fclose($handle);

        return $count;
    }
}
