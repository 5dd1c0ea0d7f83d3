"""What a psychologist still misses before a network may bill them: the one place of that rule.

An invoice a Belgian bookkeeper accepts names the psychologist (the issuer, by
self-billing) with their enterprise number and address, and the network pays it to their
account; the network may draw it up only once the psychologist accepted the self-billing
terms in force (`billing.self_billing`). `missing_for` decides it from values already
loaded, without queries; `billing.readiness_selectors` loads them for many psychologists
at once, and the billing run (`billing.services.batches`), the run and runs pages, the
profile and the overview all ask it. A stored number that fails its check digits (typed
in the admin, imported) counts as missing: it would not pass on an invoice either.
"""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.validators import normalize_enterprise_number, normalize_iban


class Missing(models.TextChoices):
    """One thing a psychologist still has to fill in or do, in the order the pages list them."""

    ENTERPRISE_NUMBER = "enterprise_number", _("ondernemingsnummer (KBO)")
    STREET = "street", _("straat en nummer")
    POSTAL_CODE = "postal_code", _("postcode")
    MUNICIPALITY = "municipality", _("gemeente")
    IBAN = "iban", _("IBAN-rekeningnummer")
    SELF_BILLING = "self_billing", _("aanvaarding van de voorwaarden voor autofacturatie")


# What the psychologist fills in on their profile page; the rest on the self-billing page.
ON_PROFILE = frozenset(
    {
        Missing.ENTERPRISE_NUMBER,
        Missing.STREET,
        Missing.POSTAL_CODE,
        Missing.MUNICIPALITY,
        Missing.IBAN,
    }
)


def missing_for(psychologist, *, accepted: bool) -> tuple[Missing, ...]:
    """What `psychologist` misses before a network may bill them; `accepted`: whether they
    accepted that network's self-billing terms of the version in force. Empty: ready."""
    missing = []
    if not _passes(normalize_enterprise_number, psychologist.enterprise_number):
        missing.append(Missing.ENTERPRISE_NUMBER)
    for item, value in (
        (Missing.STREET, psychologist.street),
        (Missing.POSTAL_CODE, psychologist.postal_code),
        (Missing.MUNICIPALITY, psychologist.municipality),
    ):
        if not (value or "").strip():
            missing.append(item)
    if not _passes(normalize_iban, psychologist.iban):
        missing.append(Missing.IBAN)
    if not accepted:
        missing.append(Missing.SELF_BILLING)
    return tuple(missing)


# A value's check digits never change, and the runs page of a staff member of every network
# asks about 6,000 psychologists: checking their IBANs each time took 200 ms a page (issue 17).
@lru_cache(maxsize=32_768)
def _passes(normalize, value) -> bool:
    """Is `value` there and does it pass the check the profile page applies to it?"""
    if not (value or "").strip():
        return False
    try:
        normalize(value)
    except ValidationError:
        return False
    return True


def describe(missing) -> str:
    """The missing items in plain words, in the active language: "postcode, gemeente"."""
    return ", ".join(str(Missing(item).label) for item in missing)
