"""The signed links a requester uses instead of an account: confirm, follow, give feedback.

A token names one request and one purpose, so a confirmation link cannot be replayed as a
feedback link; it is signed with the project's secret and expires. A bad, foreign or
expired token is simply not found (404), like any other id.
"""

from django.core import signing
from django.http import Http404

from demand.models import SupportRequest

SALT = "demand.request-link"
# How long each kind of link works, in days.
MAX_AGE_DAYS = {"confirm": 7, "follow": 365, "feedback": 60}


def token_for(support_request: SupportRequest, purpose: str) -> str:
    if purpose not in MAX_AGE_DAYS:
        raise ValueError(purpose)
    return signing.dumps({"r": support_request.pk, "p": purpose}, salt=SALT, compress=True)


def request_for_token(token: str, purpose: str) -> SupportRequest:
    """The request `token` was made for `purpose`; 404 when bad, expired or for another use."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS[purpose] * 86400)
    except (signing.BadSignature, KeyError):
        raise Http404 from None
    if not isinstance(data, dict) or data.get("p") != purpose:
        raise Http404
    try:
        return SupportRequest.objects.select_related("network").get(pk=int(data["r"]))
    except (KeyError, TypeError, ValueError, SupportRequest.DoesNotExist):
        raise Http404 from None
