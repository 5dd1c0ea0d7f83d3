"""Which language a person reads: the signed-in user's own choice on every page, and the
recipient's language for what is sent or printed (e-mails, invoice PDFs).

`User.language` holds the choice; the language switch and the profile page set it, and
`UserLanguageMiddleware` activates it after authentication, so it follows the user from
browser to browser and survives logout and login. `language_for` is the one place that
picks the language of an e-mail or a PDF.
"""

from django.conf import settings
from django.utils import translation


def supported(code: str | None) -> str | None:
    """`code` if it is one of settings.LANGUAGES, else None."""
    return code if code in dict(settings.LANGUAGES) else None


def language_for(user) -> str:
    """The language of what `user` receives: their own choice, else the portal's default
    (also for None, a recipient without an account who has nobody to take it from)."""
    return supported(getattr(user, "language", None)) or settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """Activate the signed-in user's language (after AuthenticationMiddleware, which gives
    request.user, and LocaleMiddleware, which sets the header from the active language).

    The language cookie is set to the same language, so the pages after logout (the login
    page) stay in it. Anonymous requests keep LocaleMiddleware's choice: the cookie, then
    the browser's Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._user_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        language = self._user_language(request) or language
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    @staticmethod
    def _user_language(request) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return supported(user.language)
