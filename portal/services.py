"""Use cases that change the directory: a psychologist's own profile.

The profile's name, address, RIZIV number and IBAN are printed on invoices.
"""

from django.db import transaction

from portal.models import Psychologist

PROFILE_FIELDS = ("riziv_number", "employer", "street", "postal_code", "municipality", "iban")
USER_FIELDS = ("first_name", "last_name", "email")


def update_profile(psychologist: Psychologist, data: dict) -> Psychologist:
    """Save the psychologist's own profile; `data` holds already validated values."""
    with transaction.atomic():
        psychologist = Psychologist.objects.select_for_update().get(pk=psychologist.pk)
        user = psychologist.user
        for name in USER_FIELDS:
            if name in data:
                setattr(user, name, data[name])
        user.save(update_fields=[name for name in USER_FIELDS if name in data] or None)
        for name in PROFILE_FIELDS:
            if name in data:
                setattr(psychologist, name, data[name])
        psychologist.save()
        if "themes" in data:
            psychologist.themes.set(data["themes"])
    return psychologist
