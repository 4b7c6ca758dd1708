import sentry_sdk

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
CSP_SCRIPT_SRC = ("'self'", "stats.example.gouv.fr", "embed.tawk.to")

sentry_sdk.init(dsn="", send_default_pii=False)
