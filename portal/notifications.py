"""Tell someone something by e-mail: the text of templates/emails/<name>/, into the outbox.

An e-mail is a folder of three templates (healthchecks' way): `subject.txt` (one line),
`body.txt` and `body.html`. They are rendered in the recipient's language
(portal.languages.language_for: the user's preferred language) and written to
the outbox (portal.outbox), so the message is sent only if the caller's transaction commits.
Text templates are written inside `{% autoescape off %}`: they are not HTML.

`notify` is for what is urgent (a decision on the user's own application): always at once.
`tell` is for the rest (notification_models.DigestKind): at once, kept for the user's daily
digest (portal.digest), or not at all, as the user chose (docs/notifications.md).
"""

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from portal.languages import language_for
from portal.models import Role, User
from portal.notification_models import Delivery, DigestItem, DigestKind
from portal.outbox import queue_email


def notify(user, name: str, context: dict) -> None:
    """E-mail `user` the message `name` (a folder of templates/emails/) about `context`."""
    if not user.email:
        return
    send(user.email, name, context, language=language_for(user))


def tell(user, name: str, context: dict) -> None:
    """Tell `user` of a non-urgent event (`name`: a DigestKind) as they chose: its e-mail at
    once, an item of their next digest (its subject, and `context["link"]`), or nothing.

    An e-mail that is not a DigestKind raises ValueError: urgent mail goes through notify.
    """
    kind = DigestKind(name)
    if not user.email or user.notification_delivery == Delivery.NONE:
        return
    if user.notification_delivery == Delivery.DIGEST:
        DigestItem.objects.create(
            user=user,
            kind=kind,
            summary=render_subject(name, context, language_for(user))[:300],
            link=context.get("link", ""),
        )
        return
    notify(user, name, context)


def coordinators_of(network_id: int) -> QuerySet[User]:
    """The active users who follow the network as its local coordinators and have an address."""
    return (
        User.objects.filter(networks=network_id, groups__name=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def tell_coordinators(network_id: int, name: str, context: dict, *, actor=None) -> None:
    """`tell` every coordinator of the network, but not `actor` (who knows what they did)."""
    for user in coordinators_of(network_id):
        if actor is None or user.pk != actor.pk:
            tell(user, name, context)


def send(address: str, name: str, context: dict, *, language: str | None = None) -> None:
    """E-mail someone without an account (a partner) by address, in `language` or the default."""
    subject, text, html = render(name, context, language or language_for(None))
    queue_email([address], subject, text, html=html)


def render_subject(name: str, context: dict, language: str) -> str:
    """The subject of e-mail `name`, on one line."""
    with translation.override(language):
        return " ".join(render_to_string(f"emails/{name}/subject.txt", context).split())


def render(name: str, context: dict, language: str) -> tuple[str, str, str]:
    """The subject (on one line), the plain text and the HTML of e-mail `name`."""
    subject = render_subject(name, context, language)
    with translation.override(language):
        text = render_to_string(f"emails/{name}/body.txt", context).strip()
        html = render_to_string(f"emails/{name}/body.html", {**context, "subject": subject})
    return subject, text, html
