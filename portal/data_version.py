"""Keeps Psychologist.data_version in step with what a psychologist's own pages show.

Each app names its models here from AppConfig.ready(); a save or delete then raises the
owner's version in the same transaction. Bulk writes (QuerySet.update, bulk_create)
send no signals: the services that do them call `Psychologist.objects...touch()`.
"""

from collections.abc import Callable

from django.db.models import Model, Q
from django.db.models.signals import post_delete, post_save

from portal.models import Psychologist


def _own(instance) -> Q:
    return Q(pk=instance.psychologist_id)


def follow(model: type[Model], owner: Callable[[Model], Q] = _own) -> None:
    """Touch the psychologist(s) `owner(instance)` selects whenever `model` changes."""

    def touch(sender, instance, **kwargs) -> None:
        Psychologist.objects.filter(owner(instance)).touch()

    for signal in (post_save, post_delete):
        signal.connect(
            touch, sender=model, weak=False, dispatch_uid=f"data_version:{model._meta.label}"
        )
