"""System checks of a production setup, run by `manage.py check --deploy` (as Django's own
security checks are), so development commands stay quiet."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_for_staff(app_configs, **kwargs):
    """Coordinators, network staff and administrators see other people's personal data:
    in production (DEBUG off) they must confirm a second factor (docs/privacy.md)."""
    if settings.DEBUG or settings.REQUIRE_2FA_FOR_STAFF:
        return []
    return [
        Warning(
            "Two-factor authentication is off for coordinators, network staff and "
            "administrators while DEBUG is off.",
            hint="Set REQUIRE_2FA_FOR_STAFF=1 in the environment of the web containers.",
            id="portal.W001",
        )
    ]
