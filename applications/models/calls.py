"""The calls (oproepen) a network publishes, and the work forms and quota bases their
editions choose from. The rules themselves live in the call's editions (editions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkForm(models.TextChoices):
    CONSULTATION = "consultation", _("Overleg met de vindplaats")
    PRESENCE = "presence", _("Presentie")
    ADVICE = "advice", _("Advies en kennisdeling")
    ORIENTATION = "orientation", _("Oriëntatie")
    CO_CONSULT = "co_consult", _("Co-consult")
    CASE_INTERVISION = "case_intervision", _("Casusbespreking / casusspecifieke intervisie")
    THEME_INTERVISION = "theme_intervision", _("Themaspecifieke intervisie")
    WORKSHOP = "workshop", _("Toelichting / vorming / workshop")


def labels_of(choices: type[models.TextChoices], codes: str) -> list[str]:
    """The labels of comma-separated codes of `choices`; an unknown code stays as it is."""
    names = dict(choices.choices)
    return [str(names.get(code, code)) for code in codes.split(",") if code]


class QuotaBasis(models.TextChoices):
    """What a call's quota is counted per."""

    PSYCHOLOGIST_FINDPLACE = "psychologist_findplace", _("per psycholoog per vindplaats")
    FINDPLACE = "findplace", _("per vindplaats")
    AGREEMENT = "agreement", _("per samenwerkingsovereenkomst")
    PSYCHOLOGIST = "psychologist", _("per psycholoog")


# The four calls seeded by migration 0003, shared by the networks of Oost-Vlaanderen.
OOST_VLAANDEREN_CALL_CODES = ("1", "2", "3", "4")


class Call(models.Model):
    """A call published by one or more networks (the three of Oost-Vlaanderen share four).

    Its rules change by edition (`CallEdition`); the call itself holds what stays: its
    number within its networks, a code for its address, and the texts people read.
    """

    number = models.PositiveSmallIntegerField(_("nummer"))
    # In the call's address (/aanvragen/oproep/<code>/) and the name of its explanation
    # template; the four Oost-Vlaanderen calls are "1" to "4".
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("naam"), max_length=160)
    description = models.TextField(_("uitleg"), blank=True)
    networks = models.ManyToManyField(
        "portal.Network", related_name="calls", verbose_name=_("netwerken"), blank=True
    )

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")

    def __str__(self) -> str:
        return f"{_('Oproep')} {self.number}: {self.name}"
