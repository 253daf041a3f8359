<?php

namespace App\Console;

use Illuminate\Console\Scheduling\Schedule;
use Illuminate\Foundation\Console\Kernel as ConsoleKernel;

class Kernel extends ConsoleKernel
{
    protected $commands = [
        \App\Console\Commands\HealthDetailed::class,
    ];

    protected function schedule(Schedule $schedule)
    {
    }

    protected function commands()
    {
        // No $this->load(): it needs composer's metadata, which the lab does not have.
    }
}
