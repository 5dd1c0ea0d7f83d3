"""Use cases that change a network's settings and its existing services: the only writers.

Each one refuses a user who does not follow the network as staff (`network_not_followed`),
normalises and checks what it is given (the same checks the forms show), locks what it
checks, writes, and leaves the change in the history (django-simple-history, with the
actor as the user) that the settings page shows.

* **Decision — one network per postcode**: a request of the demand side goes to the
  network of its postcode, so two networks never cover the same postcode
  (`postcode_covered_elsewhere`). Every network row is locked while coverage changes, so
  two staff members cannot each take the same postcode at once.
* **Decision — an invoice prefix stays with its network**: a prefix that another network
  has, or ever had (its history), is refused (`invoice_prefix_taken`): invoice numbers are
  unique across networks. A new prefix starts with the next year's numbering; the current
  year's series keeps the prefix it started with (`billing.services.numbering`).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from portal import postcodes
from portal.access import refuse_unless_manages
from portal.models import (
    MAX_CLOSING_DAY,
    MAX_PAYMENT_TERM_DAYS,
    ExistingService,
    Language,
    Network,
    PostcodeRange,
)
from portal.validators import (
    normalize_bic,
    normalize_enterprise_number,
    normalize_iban,
    normalize_phone,
    too_long,
)

SETTINGS_FIELDS = (
    "invoice_prefix",
    "street",
    "postal_code",
    "municipality",
    "enterprise_number",
    "iban",
    "bic",
    "payment_term_days",
    "registration_closing_day",
    "languages",
    "education_open",
)
SERVICE_FIELDS = ("name", "description", "email", "phone", "website", "municipality")
PREFIX = re.compile(r"[A-Z0-9]{1,12}")


def update_network_settings(network: Network, data: dict, *, actor) -> Network:
    """Save the settings of a network the actor follows as staff; `data` holds any of
    SETTINGS_FIELDS and `postcodes` (text: "9000-9099, 9150"). What it leaves out stays."""
    refuse_unless_manages(actor, network)
    values, errors = clean_settings(data, network)
    ranges = None
    if "postcodes" in data:
        try:
            ranges = postcodes.parse(data["postcodes"])
        except ValidationError as error:
            errors.append(error)
    errors += too_long(Network, values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        others = list(Network.objects.select_for_update().order_by("pk"))
        network = next(n for n in others if n.pk == network.pk)
        others.remove(network)
        prefix = values.get("invoice_prefix")
        if prefix and prefix != network.invoice_prefix:
            _refuse_taken_prefix(prefix, network, others)
        changed = [name for name, value in values.items() if getattr(network, name) != value]
        for name in changed:
            setattr(network, name, values[name])
        if changed:
            network._history_user = actor
            network.save(update_fields=changed)
        if ranges is not None:
            _cover(network, ranges, actor)
    return network


def clean_settings(data: dict, network: Network) -> tuple[dict, list[ValidationError]]:
    """The settings of `data` in their stored form, and the refusals of those that are not
    valid (with the code of each rule); what `data` leaves out is the network's as it is."""
    values, errors = {}, []

    def check(name, clean):
        if name in data:
            try:
                values[name] = clean(data[name])
            except ValidationError as error:
                errors.append(error)

    check("invoice_prefix", lambda v: _clean_prefix(v, network))
    check("street", _text)
    check("postal_code", _clean_postal_code)
    check("municipality", _text)
    check("enterprise_number", lambda v: normalize_enterprise_number(v) if _text(v) else "")
    check("iban", lambda v: normalize_iban(v, known_bank=True) if _text(v) else "")
    # A BIC is checked against the bank of a valid IBAN; left empty, it is that bank's.
    check("bic", lambda v: normalize_bic(v, values.get("iban", "")))
    check("payment_term_days", _clean_payment_term)
    check("registration_closing_day", _clean_closing_day)
    check("languages", _clean_languages)
    check("education_open", bool)
    address = [
        values.get(name, getattr(network, name))
        for name in ("street", "postal_code", "municipality")
    ]
    if any(address) and not all(address):
        errors.append(
            ValidationError(
                _(
                    "Vul het adres volledig in (straat en nummer, postcode en gemeente) of laat "
                    "het helemaal leeg."
                ),
                code="incomplete_address",
            )
        )
    return values, errors


def _text(value) -> str:
    return str(value or "").strip()


def _clean_prefix(value, network: Network) -> str:
    """The prefix in capitals; the network's code in capitals is its default: empty."""
    prefix = _text(value).upper()
    if prefix and not PREFIX.fullmatch(prefix):
        raise ValidationError(
            _("Een voorvoegsel bestaat uit 1 tot 12 letters (A-Z) en cijfers, bv. PAKT."),
            code="invalid_invoice_prefix",
        )
    return "" if prefix == network.code.upper() else prefix


def _clean_postal_code(value) -> str:
    if not _text(value):
        return ""
    number = postcodes.postcode_number(_text(value))
    if number is None:
        raise ValidationError(
            _("Een Belgische postcode heeft vier cijfers, van 1000 tot 9999."),
            code="invalid_postcode",
        )
    return str(number)


def _clean_payment_term(value) -> int:
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_PAYMENT_TERM_DAYS:
        raise ValidationError(
            _(
                "De betalingstermijn is 1 tot %(max)d dagen: de wet op de betalingstermijnen "
                "laat niet meer toe."
            )
            % {"max": MAX_PAYMENT_TERM_DAYS},
            code="payment_term_out_of_range",
        )
    return days


def _clean_closing_day(value) -> int | None:
    """A day of the month 1-28, or None (empty: the network's months never close)."""
    if value is None or str(value).strip() == "":
        return None
    try:
        day = int(value)
    except (TypeError, ValueError):
        day = 0
    if not 1 <= day <= MAX_CLOSING_DAY:
        raise ValidationError(
            _(
                "Kies als afsluitdag een dag van 1 tot %(max)d (die bestaat in elke maand), of "
                "laat het veld leeg als de maanden niet afsluiten."
            )
            % {"max": MAX_CLOSING_DAY},
            code="closing_day_out_of_range",
        )
    return day


def _clean_languages(value) -> list[str]:
    chosen = set(value or [])
    offered = [code for code in Language.values if code in chosen]
    if not offered or len(offered) != len(chosen):
        raise ValidationError(
            _("Kies minstens één taal van het aanbod: Nederlands, Frans of Engels."),
            code="invalid_languages",
        )
    return offered


def _refuse_taken_prefix(prefix: str, network: Network, others: list[Network]) -> None:
    ever = Network.history.exclude(id=network.pk).filter(invoice_prefix=prefix)
    if any(other.number_prefix == prefix for other in others) or ever.exists():
        raise ValidationError(
            _(
                "Het voorvoegsel %(prefix)s is van een ander netwerk (nu of vroeger); "
                "factuurnummers moeten uniek blijven. Kies een ander voorvoegsel."
            )
            % {"prefix": prefix},
            code="invoice_prefix_taken",
        )


def _cover(network: Network, ranges: list[postcodes.Range], actor) -> None:
    """Make `ranges` the network's postcodes (every network row is locked by the caller)."""
    taken = PostcodeRange.objects.exclude(network=network).select_related("network")
    overlap = Q(pk__in=[])
    for wanted in ranges:
        overlap |= Q(first__lte=wanted.last, last__gte=wanted.first)
    clash = taken.filter(overlap).order_by("first").first()
    if clash is not None:
        raise ValidationError(
            _(
                "Postcodes %(range)s zijn al van %(network)s: elke postcode hoort bij één "
                "netwerk, zodat een vraag bij één netwerk terechtkomt. Spreek af met dat "
                "netwerk of laat deze postcodes weg."
            )
            % {"range": postcodes.Range(clash.first, clash.last), "network": clash.network},
            code="postcode_covered_elsewhere",
        )
    current = {postcodes.Range(r.first, r.last): r for r in network.postcode_ranges.all()}
    for kept_away in set(current) - set(ranges):
        row = current[kept_away]
        row._history_user = actor
        row.delete()
    for added in sorted(set(ranges) - set(current)):
        row = PostcodeRange(network=network, first=added.first, last=added.last)
        row._history_user = actor
        row.save()


def save_existing_service(
    network: Network, data: dict, *, actor, service: ExistingService | None = None
) -> ExistingService:
    """Add an existing service to a network the actor follows (or change `service`, one of
    that network's): a name unique in the network, what it does, and an e-mail address
    or phone number to reach it."""
    refuse_unless_manages(actor, network)
    if service is not None and service.network_id != network.pk:
        raise ValidationError(
            _("Deze werking hoort niet bij dit netwerk."), code="service_of_other_network"
        )
    values, errors = _clean_service(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Network.objects.select_for_update().get(pk=network.pk)
        same_name = ExistingService.objects.filter(network=network, name__iexact=values["name"])
        if service is not None:
            same_name = same_name.exclude(pk=service.pk)
        if same_name.exists():
            raise ValidationError(
                _("Dit netwerk heeft al een werking met deze naam."),
                code="existing_service_exists",
            )
        if service is None:
            service = ExistingService(network=network)
        else:
            service = ExistingService.objects.select_for_update().get(pk=service.pk)
        for name, value in values.items():
            setattr(service, name, value)
        service._history_user = actor
        service.save()
    return service


def _clean_service(data: dict) -> tuple[dict, list[ValidationError]]:
    values = {name: _text(data.get(name)) for name in SERVICE_FIELDS}
    errors = too_long(ExistingService, values)
    for name, label in (("name", _("de naam")), ("description", _("wat de werking doet"))):
        if not values[name]:
            errors.append(
                ValidationError(_("Vul %(field)s in.") % {"field": label}, code=f"{name}_required")
            )
    for name, validator in (("email", EmailValidator()), ("website", URLValidator())):
        if values[name]:
            try:
                validator(values[name])
            except ValidationError as error:
                errors.append(ValidationError(error.messages[0], code=f"invalid_{name}"))
    if values["phone"]:
        try:
            values["phone"] = normalize_phone(values["phone"])
        except ValidationError as error:
            errors.append(error)
    if not (values["email"] or values["phone"]):
        errors.append(
            ValidationError(
                _(
                    "Geef een e-mailadres of een telefoonnummer: zo bereiken eerstelijnsactoren "
                    "de werking."
                ),
                code="contact_required",
            )
        )
    return values, errors


def delete_existing_service(service: ExistingService, *, actor) -> None:
    """Remove an existing service of a network the actor follows (its history stays)."""
    refuse_unless_manages(actor, service.network)
    with transaction.atomic():
        service = ExistingService.objects.select_for_update().get(pk=service.pk)
        service._history_user = actor
        service.delete()
