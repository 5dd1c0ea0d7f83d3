"""Who saw what (docs/access-log.md): the views write one entry after their access check
passed, and a daily task deletes the entries older than a year.

A refused or missing object never reaches `record_view` (the access helpers raise first),
so only what was actually shown is logged.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from portal.access_log_models import AccessKind, AccessLogEntry

# An entry exactly this old is kept; one a moment older is deleted.
RETENTION = timedelta(days=365)


def record_view(request, kind: AccessKind, *, obj=None, psychologist=None, label="") -> None:
    """Log that `request.user` was shown `obj` (or the export named `label`, which may be
    lazy text), whose personal data is that of `psychologist`. One INSERT: the caller
    passes what it already loaded, the psychologist with their user (the name is kept)."""
    user = request.user
    name = user.get_full_name()
    AccessLogEntry.objects.create(
        user=user,
        user_label=f"{name} ({user.get_username()})" if name else user.get_username(),
        kind=kind,
        object_label=_object_label(obj, psychologist, label),
        object_id=obj.pk if obj is not None else None,
        psychologist=psychologist,
        path=request.path[:500],
    )


def _object_label(obj, psychologist, label) -> str:
    """What was seen, as "Aanvraag #12 van An Peeters" (`label` instead of "Aanvraag #12"),
    in the portal's language: administrators read the log, whatever language the viewer
    had chosen. Kept as text, it still says what was seen once the object is gone."""
    with translation.override(settings.LANGUAGE_CODE):
        what = label
        if not what and obj is not None:
            what = f"{capfirst(obj._meta.verbose_name)} #{obj.pk}"
        if psychologist is not None:
            what = _("%(what)s van %(name)s") % {"what": what, "name": psychologist.name}
        return str(what)[:300]


def purge_access_log(now: datetime | None = None) -> int:
    """Delete the entries older than RETENTION; returns how many went. Without a request,
    so a broader retention task can call it too."""
    cutoff = (now or timezone.now()) - RETENTION
    deleted, _per_model = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
