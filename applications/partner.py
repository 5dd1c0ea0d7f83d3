"""Partner confirmation: a signed, expiring link that lets a partner confirm without an account.

The token signs the application id and the partner's e-mail address, so a link stops
working when the psychologist changes the partner; it expires after PARTNER_LINK_MAX_AGE.
"""

from collections.abc import Callable
from datetime import timedelta

from django.core import signing
from django.urls import reverse

from applications.models import Application
from portal import notifications
from portal.languages import language_for

PARTNER_LINK_MAX_AGE = timedelta(days=30)
SALT = "applications.partner-confirmation"


class InvalidPartnerLink(Exception):
    """The link is garbled, expired, or no longer matches the application."""


def make_token(application: Application) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"a": application.pk, "e": application.partner_email}
    )


def read_token(token: str) -> tuple[int, str]:
    """The application id and partner e-mail in a token; raises InvalidPartnerLink."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=PARTNER_LINK_MAX_AGE)
        return int(data["a"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidPartnerLink from error


def application_for_token(token: str) -> Application:
    """The application a partner link points to, if it still matches its partner."""
    application_id, email = read_token(token)
    application = (
        Application.objects.select_related(
            "call", "findplace", "psychologist__user", "network", "agreement"
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.partner_email.lower() != email.lower():
        raise InvalidPartnerLink
    return application


def request_confirmation(application: Application, absolute_url: Callable[[str], str]) -> None:
    """E-mail the partner a link to confirm or decline (the outbox sends it after the commit).

    The partner has no account, so no language of their own: the e-mail is in the
    psychologist's language, who chose the partner and works with them.
    `absolute_url` turns a path into a full URL (the view passes request.build_absolute_uri).
    """
    if not application.partner_email:
        return
    link = absolute_url(reverse("applications:partner", args=[make_token(application)]))
    notifications.send(
        application.partner_email,
        "partner_confirmation",
        {"application": application, "link": link, "days": PARTNER_LINK_MAX_AGE.days},
        language=language_for(application.psychologist.user),
    )
