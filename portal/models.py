"""Accounts, roles and the directory every app shares: networks, findplaces, psychologists.

Nothing here knows about calls, registrations or invoices; those apps build on it.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Collate, Concat, Lower, NullIf, Trim
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal import postcodes
from portal.access_log_models import AccessKind, AccessLogEntry  # noqa: F401
from portal.heartbeat_models import WorkerHeartbeat  # noqa: F401
from portal.network_models import ExistingService, PostcodeRange  # noqa: F401
from portal.notification_models import Delivery, DigestItem, DigestKind, delivery_field  # noqa: F401
from portal.validators import format_enterprise_number


class Role(models.TextChoices):
    """The roles of the portal; each is a Django group of the same name."""

    PSYCHOLOGIST = "psychologist", _("Psycholoog (KPKO)")
    COORDINATOR = "coordinator", _("Lokale coördinator")
    NETWORK_STAFF = "network_staff", _("Netwerkmedewerker (facturatie)")
    EXISTING_SERVICE = "existing_service", _("Bestaande werking")


class Language(models.TextChoices):
    """The languages a network offers its support missions in (nl-BE is the source)."""

    NL_BE = "nl-be", _("Nederlands")
    FR_BE = "fr-be", _("Frans")
    EN = "en", _("Engels")


def default_languages() -> list[str]:
    return [Language.NL_BE.value]


# Belgian law on payment in commercial transactions caps an agreed term at 60 days.
MAX_PAYMENT_TERM_DAYS = 60
# Every month has this day, so a closing day is never skipped.
MAX_CLOSING_DAY = 28


class NetworkQuerySet(models.QuerySet):
    def covering(self, postcode: str) -> "NetworkQuerySet":
        """The network that covers `postcode` (none for a postcode nobody covers, or one
        that is not a Belgian postcode); `portal.network_settings` keeps it to one."""
        number = postcodes.postcode_number(postcode)
        if number is None:
            return self.none()
        return self.filter(
            postcode_ranges__first__lte=number, postcode_ranges__last__gte=number
        ).distinct()


class Network(models.Model):
    """A mental-health network (netwerk GG) that pays its own psychologists, with the
    settings its invoices, payments and published offer use. Network staff change them
    through `portal.network_settings`; every change is kept in `history`."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    code = models.SlugField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("Korte code van het netwerk; ook het voorvoegsel van de factuurnummers."),
    )
    invoice_prefix = models.CharField(
        _("voorvoegsel factuurnummers"),
        max_length=12,
        blank=True,
        help_text=_("Leeg: de code van het netwerk in hoofdletters."),
    )
    street = models.CharField(_("straat en nummer"), max_length=160, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=80, blank=True)
    # The 10 digits; shown as 0123.456.749 (`enterprise_number_display`).
    enterprise_number = models.CharField(_("ondernemingsnummer"), max_length=10, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    payment_term_days = models.PositiveSmallIntegerField(_("betalingstermijn (dagen)"), default=30)
    # The day of the next month on which a month's registrations close (docs/month-closing.md);
    # empty: months never close.
    registration_closing_day = models.PositiveSmallIntegerField(
        _("afsluitdag van de registraties"), null=True, blank=True, default=10
    )
    languages = models.JSONField(_("talen van het aanbod"), default=default_languages)
    education_open = models.BooleanField(
        _("onderwijs open"),
        default=False,
        help_text=_("Aanvragen met scholen of CLB's toelaten (nog niet open in Oost-Vlaanderen)."),
    )
    history = HistoricalRecords(
        verbose_name=_("historiek van een netwerk"),
        verbose_name_plural=_("historiek van netwerken"),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_term_days__gte=1, payment_term_days__lte=MAX_PAYMENT_TERM_DAYS),
                name="network_payment_term_in_range",
            ),
            models.CheckConstraint(
                condition=Q(registration_closing_day__gte=1)
                & Q(registration_closing_day__lte=MAX_CLOSING_DAY),
                name="network_closing_day_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def number_prefix(self) -> str:
        """What the invoice numbers of a new year's series start with."""
        return self.invoice_prefix or self.code.upper()

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    @property
    def postal_address(self) -> str:
        """Street, then postcode and municipality, on two lines (as on an invoice)."""
        town = f"{self.postal_code} {self.municipality}".strip()
        return "\n".join(part for part in (self.street, town) if part)

    @property
    def covered_ranges(self) -> list[postcodes.Range]:
        return [postcodes.Range(r.first, r.last) for r in self.postcode_ranges.all()]

    @property
    def covered_postcodes(self) -> str:
        """The postcodes covered as the settings page writes them: "9000-9099, 9150"."""
        return postcodes.as_text(self.covered_ranges)

    def covers(self, postcode: str) -> bool:
        """Does this network cover `postcode` (the demand side routes requests with it)?"""
        return postcodes.covered(self.covered_ranges, postcode)

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [labels.get(code, code) for code in self.languages]


class User(AbstractUser):
    """A person who signs in; roles are groups, networks scope coordinators and staff."""

    networks = models.ManyToManyField(
        Network,
        blank=True,
        related_name="members",
        verbose_name=_("netwerken"),
        help_text=_("Netwerken die deze coördinator of medewerker opvolgt."),
    )
    language = models.CharField(
        _("taal"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("De taal van de pagina's, e-mails en facturen voor deze gebruiker."),
    )
    notification_delivery = delivery_field()  # at once, daily digest or none (non-urgent mail)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated or not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    @cached_property
    def network_ids(self) -> tuple[int, ...]:
        """The networks on the account, read once per request (see permissions.network_scope).

        Forgotten when the account's networks change through this object (m2m_changed).
        """
        if not self.pk:
            return ()
        return tuple(self.networks.values_list("pk", flat=True))

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.roles

    @property
    def is_psychologist(self) -> bool:
        return self.has_role(Role.PSYCHOLOGIST)

    @property
    def is_coordinator(self) -> bool:
        return self.has_role(Role.COORDINATOR)

    @property
    def is_network_staff(self) -> bool:
        return self.has_role(Role.NETWORK_STAFF)

    @property
    def is_existing_service(self) -> bool:
        return self.has_role(Role.EXISTING_SERVICE)


class FindplaceKind(models.TextChoices):
    GP_PRACTICE = "gp_practice", _("Huisartsenpraktijk")
    COMMUNITY_HEALTH_CENTRE = "community_health_centre", _("Wijkgezondheidscentrum")
    OVERKOPHUIS = "overkophuis", _("OverKophuis")
    LOCAL_SERVICE_CENTRE = "local_service_centre", _("Lokaal dienstencentrum")
    YOUTH_HOUSE = "youth_house", _("Jeugdhuis")
    COMMUNITY_HOUSE = "community_house", _("Buurthuis")
    NURSING_HOME = "nursing_home", _("Woonzorgcentrum")
    SOCIAL_SERVICE = "social_service", _("Sociale dienst / OCMW")
    CHILDCARE = "childcare", _("Kinderopvang")
    PRIMARY_SCHOOL = "primary_school", _("Basisschool")
    SECONDARY_SCHOOL = "secondary_school", _("Secundaire school")
    CLB = "clb", _("CLB")
    HIGHER_EDUCATION = "higher_education", _("Hoger onderwijs")
    OTHER = "other", _("Andere")


# Places that structurally organise leisure and meeting moments (call 2).
LEISURE_KINDS = frozenset(
    {
        FindplaceKind.OVERKOPHUIS,
        FindplaceKind.LOCAL_SERVICE_CENTRE,
        FindplaceKind.YOUTH_HOUSE,
        FindplaceKind.COMMUNITY_HOUSE,
    }
)
# Primary and secondary schools and CLBs: not yet open (alignment with the CLBs ongoing).
EDUCATION_KINDS = frozenset(
    {FindplaceKind.PRIMARY_SCHOOL, FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.CLB}
)


class Findplace(models.Model):
    """A low-threshold place where vulnerable citizens already come (vindplaats)."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="findplaces", verbose_name=_("netwerk")
    )
    name = models.CharField(_("naam"), max_length=160)
    kind = models.CharField(_("soort"), max_length=32, choices=FindplaceKind.choices)
    street = models.CharField(_("straat en nummer"), max_length=160, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=80, db_index=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    proposed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_findplaces",
        verbose_name=_("voorgesteld door"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("vindplaats")
        verbose_name_plural = _("vindplaatsen")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name", "municipality"], name="findplace_unique_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    @property
    def is_leisure(self) -> bool:
        return self.kind in LEISURE_KINDS

    @property
    def is_education(self) -> bool:
        return self.kind in EDUCATION_KINDS

    @property
    def is_overkophuis(self) -> bool:
        return self.kind == FindplaceKind.OVERKOPHUIS


class Theme(models.Model):
    """A theme of expertise (call-4 register), e.g. "emotieregulatie"."""

    name = models.CharField(_("naam"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name


def person_name(first_name: str, last_name: str, username: str) -> str:
    """A person's name as the portal shows it: "first last" as User.get_full_name() gives
    it, else the username."""
    return f"{first_name} {last_name}".strip() or username


class PsychologistQuerySet(models.QuerySet):
    def names(self) -> dict[int, str]:
        """The name of each (as str() gives it), read without building an instance of each:
        6,000 cost a quarter of a second."""
        rows = self.order_by().values_list(
            "pk", "user__first_name", "user__last_name", "user__username"
        )
        return {pk: person_name(*parts) for pk, *parts in rows}

    def by_name(self):
        """Ordered by `person_name` in SQL, letter case ignored and compared by code point
        as Python's sorted(key=str.lower) compares, so that a page chosen in SQL lists them
        as a list sorted in Python does (the uptake page and its CSV)."""
        full_name = Trim(Concat("user__first_name", Value(" "), "user__last_name"))
        order = Lower(Coalesce(NullIf(full_name, Value("")), "user__username"))
        if connection.vendor == "postgresql":  # whatever collation the database was made with
            order = Collate(order, "C")
        return self.alias(name_order=order).order_by("name_order", "pk")

    def touch(self) -> int:
        """Mark what these psychologists' own pages show as changed (see data_version)."""
        return self.update(data_version=F("data_version") + 1)


class Psychologist(models.Model):
    """A KPKO: clinical psychologist or orthopedagogue with a convention (user profile)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="psychologist", verbose_name=_("gebruiker")
    )
    riziv_number = models.CharField(_("RIZIV-nummer"), max_length=20, unique=True)
    networks = models.ManyToManyField(
        Network, related_name="psychologists", verbose_name=_("netwerken (conventie)")
    )
    employer = models.CharField(
        _("werkgever"), max_length=160, blank=True, help_text=_("Leeg als zelfstandige.")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="psychologists", verbose_name=_("thema's")
    )
    street = models.CharField(_("straat en nummer"), max_length=160, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=80, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    # The 10 digits of the KBO/BCE number (0123.456.749 shown): the psychologist issues
    # the invoices the network draws up in their name (self-billing).
    enterprise_number = models.CharField(_("ondernemingsnummer"), max_length=10, blank=True)
    # Consent to be named in the published offer (name, themes, municipality, languages).
    listed_publicly = models.BooleanField(_("vermeld in het publieke aanbod"), default=False)
    languages = models.JSONField(_("talen waarin u werkt"), default=default_languages)
    # Raised in the same transaction as every change to the psychologist's allocations,
    # applications, agreements, registrations or invoices (portal.data_version, and
    # `touch()` after bulk writes): the overview is cached per version.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = PsychologistQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("psycholoog")
        verbose_name_plural = _("psychologen")

    def __str__(self) -> str:
        return person_name(self.user.first_name, self.user.last_name, self.user.username)

    def save(self, *args, **kwargs):
        """Never write data_version back: this instance may hold a version that a concurrent
        change has raised since it was loaded (only `touch()` changes it)."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "data_version"
            ]
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return str(self)

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)


def _forget_network_ids(sender, instance, **kwargs) -> None:
    if isinstance(instance, User):
        instance.__dict__.pop("network_ids", None)


models.signals.m2m_changed.connect(
    _forget_network_ids, sender=User.networks.through, dispatch_uid="user_network_ids"
)
