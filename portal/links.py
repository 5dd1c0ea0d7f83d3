"""Links in e-mails. A request knows its own address (`request.build_absolute_uri`); a task
does not, so it uses the `SITE_URL` setting. Without it (the zero-setup default of
`make run`) a link stays a path, which still tells the reader which page to open."""

from collections.abc import Callable

from django.conf import settings

AbsoluteUrl = Callable[[str], str]


def site_url(path: str) -> str:
    """The full address of a path on this portal, as configured."""
    return settings.SITE_URL + path if settings.SITE_URL else path


def absolute(path: str, absolute_url: AbsoluteUrl | None = None) -> str:
    """The request's own address when there is one, else the configured one."""
    return (absolute_url or site_url)(path)
