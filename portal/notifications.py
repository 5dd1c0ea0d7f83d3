"""Tell someone something by e-mail: the text of templates/emails/<name>/, into the outbox.

An e-mail is a folder of three templates (healthchecks' way): `subject.txt` (one line),
`body.txt` and `body.html`. They are rendered in the recipient's language
(portal.languages.language_for: the user's preferred language) and written to
the outbox (portal.outbox), so the message is sent only if the caller's transaction commits.
Text templates are written inside `{% autoescape off %}`: they are not HTML.
"""

from django.template.loader import render_to_string
from django.utils import translation

from portal.languages import language_for
from portal.outbox import queue_email


def notify(user, name: str, context: dict) -> None:
    """E-mail `user` the message `name` (a folder of templates/emails/) about `context`."""
    if not user.email:
        return
    send(user.email, name, context, language=language_for(user))


def send(address: str, name: str, context: dict, *, language: str | None = None) -> None:
    """E-mail someone without an account (a partner) by address, in `language` or the default."""
    subject, text, html = render(name, context, language or language_for(None))
    queue_email([address], subject, text, html=html)


def render(name: str, context: dict, language: str) -> tuple[str, str, str]:
    """The subject (on one line), the plain text and the HTML of e-mail `name`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{name}/subject.txt", context).split())
        text = render_to_string(f"emails/{name}/body.txt", context).strip()
        html = render_to_string(f"emails/{name}/body.html", {**context, "subject": subject})
    return subject, text, html
