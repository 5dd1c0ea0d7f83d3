"""The yearly evaluations of a call-3 cooperation agreement, as recorded by its
coordinator or psychologist (applications.services.evaluations). Never edited: a later
evaluation follows an earlier one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models.applications import CooperationAgreement


class EvaluationOutcome(models.TextChoices):
    CONTINUED = "continued", _("De samenwerking loopt verder zoals afgesproken")
    ADJUSTED = "adjusted", _("De samenwerking loopt verder met aangepaste afspraken")


class AgreementEvaluation(models.Model):
    agreement = models.ForeignKey(
        CooperationAgreement, on_delete=models.CASCADE, related_name="evaluations"
    )
    held_on = models.DateField(_("datum van de evaluatie"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=EvaluationOutcome.choices)
    notes = models.TextField(_("notities"), blank=True)
    next_evaluation_date = models.DateField(_("volgende evaluatie"))
    # A new signed agreement, when the evaluation changed it; the agreement then points at
    # this file, and the evaluation keeps it with the date it came in.
    signed_pdf = models.FileField(
        _("nieuwe ondertekende overeenkomst (PDF)"), upload_to="agreements/%Y/", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    recorded_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("evaluatie van een overeenkomst")
        verbose_name_plural = _("evaluaties van overeenkomsten")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} {self.agreement}"
