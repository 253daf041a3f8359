<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;

/**
 * A bookable service, as the baseline's Eloquent model (no table is read
 * here: the lab's CalcomService only reads its attributes).
 */
class Service extends Model
{
    protected $guarded = [];
}
