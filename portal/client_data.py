"""What free text may not hold: the portal stores no client identifiers (docs/rules.md,
"No client data"). One place for the rule, asked by every service that stores free text.

A Belgian national register number (rijksregisternummer) is refused: it identifies a
person, and only a number whose check digits hold (python-stdnum's `stdnum.be.nn`, born
before or after 2000) counts, so an ordinary 11-digit number (a RIZIV number, say) passes.
So is a BIS number (`stdnum.be.bis`), the register number of people not in the national
register, written and checked the same way.
An e-mail address or a phone number is only warned about: it may well be the
organisation's own. A refusal carries `params={"field": name}`, so a form can show it on
the field it is about whatever the code (`field_of`).
"""

import re
from collections.abc import Iterable, Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.be import bis, nn

# One optional separator between the groups people write: 85.07.30-033.28, 850730 033 28.
_SEP = r"[ \u00a0.\-]?"
# Digits that go on (directly, or after a dot, dash or slash) belong to a longer number.
_NOT_AFTER_DIGITS = r"(?<!\d)(?<!\d[./\-])"
_NOT_BEFORE_DIGITS = r"(?!\d)(?![./\-]\d)"

NATIONAL_NUMBER = re.compile(
    _NOT_AFTER_DIGITS
    + rf"\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}"
    + _NOT_BEFORE_DIGITS
)

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)

# A separator inside a phone number: a space, dot, slash or dash, spaces around it allowed.
_PSEP = r"(?:[ \u00a0]?[./\-][ \u00a0]?|[ \u00a0])?"
PHONE = re.compile(
    r"(?<![\w+])(?<!\d[./\-])(?:"
    # Belgian mobile: 0470 12 34 56, 0470/123456, 0470 123 456.
    + rf"04\d\d{_PSEP}(?:\d\d{_PSEP}\d\d{_PSEP}\d\d|\d{{3}}{_PSEP}\d{{3}})"
    # One-digit zone (Brussels, Antwerp, Liège, Ghent): 09 123 45 67, 09/123.45.67.
    + rf"|0[2349]{_PSEP}(?:\d{{3}}{_PSEP}\d\d{_PSEP}\d\d|\d{{7}})"
    # Two-digit zone: 050 12 34 56.
    + rf"|0[1-9]\d{_PSEP}(?:\d\d{_PSEP}\d\d{_PSEP}\d\d|\d{{6}})"
    # International: +32 9 123 45 67, +32 (0)470 12 34 56, 0031 6 12345678.
    + rf"|(?:\+|00)[1-9]\d{{0,2}}{_PSEP}(?:\(0\){_PSEP})?\d{{1,4}}(?:{_PSEP}\d{{2,4}}){{1,4}}"
    + r")"
    + _NOT_BEFORE_DIGITS
)
# An international number has 8 to 15 digits after its "+" (ITU E.164), the (0) left out.
_INTERNATIONAL_DIGITS = range(8, 16)


def national_numbers(text: str) -> list[str]:
    """The valid national register (or BIS) numbers in `text`, compact (85073003328)."""
    found = []
    for match in NATIONAL_NUMBER.finditer(text or ""):
        number = re.sub(r"\D", "", match.group())
        if nn.is_valid(number) or bis.is_valid(number):
            found.append(number)
    return found


def has_email(text: str) -> bool:
    return EMAIL.search(text or "") is not None


def has_phone(text: str) -> bool:
    for match in PHONE.finditer(text or ""):
        number = match.group()
        if number.startswith(("+", "00")):
            digits = re.sub(r"\D", "", number.replace("(0)", "")).removeprefix("00")
            if len(digits) not in _INTERNATIONAL_DIGITS:
                continue
        return True
    return False


def model_labels(model, names: Iterable[str]) -> dict[str, str]:
    """The labels of `names` on `model` (their verbose names), for the messages below."""
    return {name: model._meta.get_field(name).verbose_name for name in names}


def client_identifier_errors(data: Mapping, fields: Mapping[str, str]) -> list[ValidationError]:
    """A refusal for each field of `fields` (name → label) whose text in `data` holds a
    national register number."""
    return [
        ValidationError(
            _(
                "Het veld '%(field)s' bevat een rijksregisternummer. Het portaal mag nooit "
                "het rijksregisternummer van een cliënt bewaren: verwijder het."
            )
            % {"field": label},
            code="client_identifier",
            params={"field": name},
        )
        for name, label in fields.items()
        if isinstance(data.get(name), str) and national_numbers(data[name])
    ]


def contact_warnings(data: Mapping, fields: Mapping[str, str]) -> list[str]:
    """What to warn about (nothing is refused): an e-mail address or a phone number in the
    text of a field of `fields` (name → label)."""
    warnings = []
    for name, label in fields.items():
        text = data.get(name)
        if not isinstance(text, str):
            continue
        if has_email(text):
            warnings.append(
                _(
                    "Het veld '%(field)s' lijkt een e-mailadres te bevatten. Dat mag niet dat "
                    "van een cliënt zijn: het portaal bewaart geen gegevens waarmee een cliënt "
                    "herkend kan worden. Is het bv. het adres van uw organisatie, dan mag het "
                    "blijven staan."
                )
                % {"field": label}
            )
        if has_phone(text):
            warnings.append(
                _(
                    "Het veld '%(field)s' lijkt een telefoonnummer te bevatten. Dat mag niet "
                    "dat van een cliënt zijn: het portaal bewaart geen gegevens waarmee een "
                    "cliënt herkend kan worden. Is het bv. het nummer van uw organisatie, dan "
                    "mag het blijven staan."
                )
                % {"field": label}
            )
    return warnings


def field_of(error: ValidationError) -> str | None:
    """The field a refusal of this module is about (None for any other refusal)."""
    if error.code != "client_identifier":
        return None
    return (error.params or {}).get("field")


def warn(request, warnings: list[str]) -> None:
    """The page shows the warnings of a save as messages; they never block it."""
    for warning in warnings:
        messages.warning(request, warning)
