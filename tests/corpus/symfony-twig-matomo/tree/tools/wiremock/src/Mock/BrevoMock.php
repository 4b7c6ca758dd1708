<?php
// Stubs the transactional e-mail API in local development.
namespace App\Tools\Mock;

final class BrevoMock
{
    public const URL = 'https://api.brevo.com/v3/smtp/email';
}
