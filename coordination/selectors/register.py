"""The register of call 4 that coordinators share with the existing services: the
psychologists admitted under call 4, with their themes and networks."""

from datetime import date

from django.db.models import Prefetch

from applications.models import Allocation, ApplicationStatus
from portal.models import Psychologist

# The call whose admitted psychologists form the register shared with existing services.
REGISTER_CALL_NUMBER = 4


def register_allocations(today: date):
    """Approved call-4 allocations running today (admission to the register)."""
    return Allocation.objects.active_on(today).filter(
        call__number=REGISTER_CALL_NUMBER, application__status=ApplicationStatus.APPROVED
    )


def register_psychologists(today: date):
    """Psychologists in the call-4 register, with their themes, networks and admissions."""
    admitted = register_allocations(today)
    return (
        Psychologist.objects.filter(pk__in=admitted.values("psychologist_id"))
        .select_related("user")
        .prefetch_related(
            "themes",
            "networks",
            Prefetch(
                "allocations",
                queryset=admitted.select_related("network", "application").prefetch_related(
                    "application__themes"
                ),
                to_attr="register_allocations",
            ),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def register_themes(psychologist) -> list:
    """The psychologist's themes: their profile and those of their call-4 applications."""
    themes = {t.pk: t for t in psychologist.themes.all()}
    for allocation in psychologist.register_allocations:
        themes.update({t.pk: t for t in allocation.application.themes.all()})
    return sorted(themes.values(), key=lambda t: t.name)
