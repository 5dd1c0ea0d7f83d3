"""The privacy statement (docs/privacy.md): what the portal keeps about whom, why, who sees
it and how long, for everyone, signed in or not."""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render

SECONDS_PER_DAY = 24 * 60 * 60


def statement(request):
    """Public: the cookie names, the session's age and the lockout come from the settings,
    so the page says what the portal does."""
    cookies = {
        "session": settings.SESSION_COOKIE_NAME,
        "csrf": settings.CSRF_COOKIE_NAME,
        "language": settings.LANGUAGE_COOKIE_NAME,
        "messages": CookieStorage.cookie_name,
    }
    return render(
        request,
        "privacy/statement.html",
        {
            "cookies": cookies,
            "session_days": settings.SESSION_COOKIE_AGE // SECONDS_PER_DAY,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )
