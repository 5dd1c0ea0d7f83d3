"""How the portal writes numbers for people: minutes as hours, money, percentages.

One module, so every page, e-mail, PDF and CSV says "1 u 30 min", "€ 86,69" and "42 %"
(French: "1 h 30", "86,69 €", "42 %"; English: "1 h 30 min", "€86.69", "42%") the same
way, in the active language. Pure functions: no queries, no request; the
engine imports `hours` for its messages, templates use the filters of
portal/templatetags/formatting.py. Typed durations ("1:30", "1 u 30", "90") are read
back here too, so writing and reading hours stay one pair.
"""

import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation
from django.utils.formats import date_format, number_format

MINUTES_PER_HOUR = 60
QUARTER = 15
# Unit symbols are not words to translate but conventions per language (CLDR): Dutch
# writes "4 u", English and French "4 h". A language without an entry uses "h".
HOUR_UNITS = {"nl": "u", "en": "h", "fr": "h"}
# Hours and minutes together: French writes a duration like a time, "1 h 30", "2 h 05".
HOURS_AND_MINUTES = {"fr": "{h} {unit} {m:02d}"}
DEFAULT_HOURS_AND_MINUTES = "{h} {unit} {m} min"
MONEY_PATTERNS = {"nl": "€ {}", "en": "€{}", "fr": "{} €"}
PERCENT_PATTERNS = {"nl": "{} %", "en": "{}%", "fr": "{} %"}


def month_name(day) -> str:
    """The month of `day` as people name it, in the active language: "maart 2025"."""
    return date_format(day, "F Y")


def _language() -> str:
    return (translation.get_language() or "nl").split("-")[0]


def hour_unit() -> str:
    return HOUR_UNITS.get(_language(), "h")


def hours(minutes: int) -> str:
    """Minutes as hours for people: 90 → "1 u 30 min" (French "1 h 30"), 240 → "4 u",
    45 → "45 min"."""
    minutes = int(minutes)
    if minutes < 0:
        return "-" + hours(-minutes)
    h, m = divmod(minutes, MINUTES_PER_HOUR)
    unit = hour_unit()
    if h and m:
        pattern = HOURS_AND_MINUTES.get(_language(), DEFAULT_HOURS_AND_MINUTES)
        return pattern.format(h=h, unit=unit, m=m)
    return f"{h} {unit}" if h else f"{m} min"


def whole_hours(count: int) -> str:
    """A number of whole hours (invoices bill whole hours): 3 → "3 u"."""
    return f"{int(count)} {hour_unit()}"


def decimal_hours(minutes: int) -> Decimal:
    """Minutes as hours with two decimals (90 → 1.50), without floats."""
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01"), ROUND_HALF_UP)


def hours_input(minutes: int) -> str:
    """Minutes as the value of an hours number input: 90 → "1.5", 0 → "0"."""
    value = decimal_hours(minutes).normalize()
    return format(value, "f") if value else "0"


def minutes_from_hours(value: Decimal | None) -> int:
    """Hours as typed in an hours input (Decimal, e.g. 1.5) to whole minutes."""
    return int((value or Decimal(0)) * MINUTES_PER_HOUR)


def quarter_hours(minutes: int) -> Decimal:
    """Minutes rounded up to whole quarters, as hours: 35 → 0.75 (requests go per quarter)."""
    quarters = (Decimal(minutes) / QUARTER).to_integral_value(ROUND_CEILING)
    return (quarters * QUARTER / MINUTES_PER_HOUR).normalize()


def decimal_comma(value: Decimal, places: int = 2) -> str:
    """A number for a Belgian spreadsheet (CSV): 1.5 → "1,50", whatever the page language."""
    return f"{Decimal(value):.{places}f}".replace(".", ",")


def csv_hours(minutes: int) -> str:
    """Minutes as hours in a CSV cell: 90 → "1,50"."""
    return decimal_comma(decimal_hours(minutes))


def money(amount: Decimal) -> str:
    """An amount in euro, localised: "€ 1.234,56" in Dutch, "€1,234.56" in English."""
    number = number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    return MONEY_PATTERNS.get(_language(), "€ {}").format(number)


def rounded_percent(part: int, whole: int) -> int | None:
    """`part` as a whole percentage of `whole`, rounded half up (150 of 360 → 42); None of 0."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).to_integral_value(ROUND_HALF_UP))


def percent(value: int | None) -> str:
    """A whole percentage for people: "42 %" in Dutch, "42%" in English; "–" for None."""
    if value is None:
        return "–"
    return PERCENT_PATTERNS.get(_language(), "{} %").format(value)


# --- Reading typed durations -----------------------------------------------------------

_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)$")
_UNITS = re.compile(
    r"^(?:(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:u|uur|h|hr|hrs|hours?)\.?)?\s*"
    r"(?:(\d{1,4})\s*(?:m|min|mins|minuten|minutes?)?\.?)?$"
)


def parse_duration(text: str) -> int:
    """A duration as people type it, in whole minutes; ValueError when it is not one.

    "90" and "90 min" are minutes; "1:30", "1 u 30", "1u30", "1 h 30 min" and "1,5 u"
    are hours and minutes. A bare number is always minutes, so "2" is two minutes.
    """
    value = " ".join(str(text).strip().lower().split())
    if not value:
        raise ValueError("empty")
    clock = _CLOCK.match(value)
    if clock:
        return int(clock[1]) * MINUTES_PER_HOUR + int(clock[2])
    match = _UNITS.match(value)
    if not match or not (match[1] or match[2]):
        raise ValueError(value)
    minutes = Decimal(0)
    if match[1]:
        try:
            minutes += Decimal(match[1].replace(",", ".")) * MINUTES_PER_HOUR
        except InvalidOperation as error:
            raise ValueError(value) from error
    if match[2]:
        if match[1] and "." in match[1].replace(",", "."):
            raise ValueError(value)  # "1,5 u 20" mixes two ways of writing the same thing
        minutes += int(match[2])
    if minutes != minutes.to_integral_value():
        raise ValueError(value)
    return int(minutes)
