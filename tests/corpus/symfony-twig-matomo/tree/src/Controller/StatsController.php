<?php
namespace App\Controller;

// $ga is the number of "gestionnaires actifs", not an analytics object.
final class StatsController
{
    public function index(array $ga): array
    {
        return ['send' => count($ga), 'create' => 0];
    }
}
