"""Support requests of first-line actors (ondersteuningsvragen), their proposals to
psychologists and their history: the demand side of the Art. 8 missions.

A first-line actor (a GP practice, a social service, a youth house …) asks for support;
the request counts once it is confirmed from an e-mailed link (or entered by an existing
service or coordinator on the requester's behalf), goes to the network of its postcode,
and is matched with one or more psychologists of the register. No client data: the
question is about the actors' work, never about a person in care.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.models import WorkForm
from portal.models import FindplaceKind, Network, Psychologist, Theme


class RequestState(models.TextChoices):
    """Decision (domain): new → confirmed → in triage → proposed → matched → done, plus
    answered otherwise, not eligible, withdrawn. Every change is a RequestEvent."""

    NEW = "new", _("Nieuw (nog niet bevestigd)")
    CONFIRMED = "confirmed", _("Bevestigd")
    IN_TRIAGE = "in_triage", _("In behandeling")
    PROPOSED = "proposed", _("Psychologen voorgesteld")
    MATCHED = "matched", _("Gekoppeld")
    DONE = "done", _("Uitgevoerd")
    ANSWERED_OTHERWISE = "answered_otherwise", _("Anders beantwoord")
    NOT_ELIGIBLE = "not_eligible", _("Komt niet in aanmerking")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


# States in which nothing more happens to a request.
CLOSED_STATES = frozenset(
    {
        RequestState.DONE,
        RequestState.ANSWERED_OTHERWISE,
        RequestState.NOT_ELIGIBLE,
        RequestState.WITHDRAWN,
    }
)


class Channel(models.TextChoices):
    PUBLIC = "public", _("Publiek formulier")
    ON_BEHALF = "on_behalf", _("Ingegeven namens de aanvrager")


class Setting(models.TextChoices):
    ON_SITE = "on_site", _("Ter plaatse")
    REMOTE = "remote", _("Op afstand")
    EITHER = "either", _("Maakt niet uit")


class SupportRequest(models.Model):
    """One question of first-line actors for support, from its first form to its feedback."""

    # Null: no network covers the postcode; every coordinator of the portal triages it.
    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_requests",
        verbose_name=_("netwerk"),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=RequestState.choices, default=RequestState.NEW
    )
    channel = models.CharField(
        _("kanaal"), max_length=12, choices=Channel.choices, default=Channel.PUBLIC
    )
    # Who asks (contact data: kept as long as docs/privacy says, then erased).
    requester_name = models.CharField(_("naam"), max_length=150)
    requester_role = models.CharField(_("functie"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.CharField(_("gemeente"), max_length=80)
    place_kind = models.CharField(
        _("soort organisatie of plaats"), max_length=32, choices=FindplaceKind.choices
    )
    language = models.CharField(
        _("taal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # What is asked.
    question = models.TextField(_("vraag"), max_length=4000)
    work_form = models.CharField(
        _("gewenste werkvorm"), max_length=32, choices=WorkForm.choices, blank=True
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="support_requests", verbose_name=_("thema's")
    )
    expected_attendees = models.PositiveSmallIntegerField(_("verwacht aantal eerstelijnsactoren"))
    wished_from = models.DateField(_("gewenst vanaf"), null=True, blank=True)
    wished_until = models.DateField(_("gewenst tot"), null=True, blank=True)
    setting = models.CharField(
        _("ter plaatse of op afstand"),
        max_length=10,
        choices=Setting.choices,
        default=Setting.EITHER,
    )
    # The declarations that decide eligibility (schools and CLBs: from place_kind).
    in_direct_contact = models.BooleanField(
        _("de eerstelijnsactoren komen rechtstreeks in contact met de doelgroep"), default=False
    )
    about_clients_in_care = models.BooleanField(
        _("de vraag gaat over cliënten in lopende begeleiding bij een psycholoog"), default=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ingegeven door"),
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    matched_at = models.DateTimeField(_("gekoppeld op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    # Why it was answered otherwise (which partner) or is not eligible (which rule).
    closing_note = models.TextField(_("toelichting bij het afsluiten"), blank=True)
    feedback_score = models.PositiveSmallIntegerField(_("nuttig (1–5)"), null=True, blank=True)
    feedback_comment = models.TextField(_("opmerking"), blank=True, max_length=2000)
    feedback_at = models.DateTimeField(_("feedback op"), null=True, blank=True)
    feedback_asked_at = models.DateTimeField(_("feedback gevraagd op"), null=True, blank=True)
    # Contact data erased (retention or the requester's own wish); the counts stay.
    erased_at = models.DateTimeField(_("contactgegevens gewist op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ondersteuningsvraag")
        verbose_name_plural = _("ondersteuningsvragen")
        indexes = [models.Index(fields=["network", "state", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback_score__isnull=True)
                | Q(feedback_score__gte=1, feedback_score__lte=5),
                name="support_request_feedback_score_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(wished_until__isnull=True)
                | Q(wished_from__isnull=True)
                | Q(wished_until__gte=models.F("wished_from")),
                name="support_request_wished_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.organisation} ({self.get_state_display()})"

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES


class ProposalState(models.TextChoices):
    PENDING = "pending", _("Wacht op antwoord")
    ACCEPTED = "accepted", _("Aanvaard")
    DECLINED = "declined", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Proposal(models.Model):
    """A psychologist proposed for a request; they answer yes (both sides then get each
    other's contact) or no (with a reason)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="proposals")
    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.PROTECT, related_name="proposals"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=ProposalState.choices, default=ProposalState.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("toelichting voor de psycholoog"), blank=True, max_length=2000)
    decline_reason = models.TextField(_("reden"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "psychologist"], name="proposal_once_per_psychologist"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.psychologist} ({self.get_state_display()})"


class RequestEventKind(models.TextChoices):
    CREATED = "created", _("Vraag ontvangen")
    STATE = "state", _("Status gewijzigd")
    PROPOSED = "proposed", _("Psycholoog voorgesteld")
    ACCEPTED = "accepted", _("Voorstel aanvaard")
    DECLINED = "declined", _("Voorstel afgewezen")
    ACTIVITY = "activity", _("Activiteit geregistreerd")
    FEEDBACK = "feedback", _("Feedback ontvangen")
    ERASED = "erased", _("Contactgegevens gewist")
    NOTE = "note", _("Notitie")


class RequestEvent(models.Model):
    """One line of a request's history: who, when, what (never edited)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=RequestEventKind.choices)
    from_state = models.CharField(max_length=20, choices=RequestState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=RequestState.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_kind_display()}"
