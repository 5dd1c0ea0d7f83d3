"""The postcodes a network covers, written as people write them: "9000-9099, 9150".

Pure functions, no queries: parsing the text into ranges of Belgian postcodes (four
digits, 1000-9999), merging what touches, writing the ranges back as text, and finding
where two lists of ranges overlap. `portal.network_settings` stores the ranges and refuses
a postcode that another network covers; the demand side routes requests with them.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIRST_POSTCODE = 1000
LAST_POSTCODE = 9999
# Beyond this many ranges the text is not a list of postcodes someone typed.
MAX_RANGES = 200
ITEM = re.compile(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?")
SEPARATOR = re.compile(r"[,;\s]+")


@dataclass(frozen=True, order=True)
class Range:
    """Postcodes `first` to `last`, both included."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def overlaps(self, other: "Range") -> bool:
        return self.first <= other.last and other.first <= self.last


def parse(text: str) -> list[Range]:
    """The ranges of `text`, sorted and merged where they overlap or touch.

    Items are separated by commas, semicolons or spaces; an item is a postcode (9150) or a
    range (9000-9099). Anything else is refused with `invalid_postcodes`, naming the item.
    """
    ranges = []
    for item in _items(text):
        match = ITEM.fullmatch(item)
        first = int(match[1]) if match else 0
        last = int(match[2] or match[1]) if match else 0
        if not (FIRST_POSTCODE <= first <= last <= LAST_POSTCODE):
            raise ValidationError(
                _(
                    "'%(item)s' is geen postcode of reeks postcodes. Schrijf postcodes van "
                    "vier cijfers en reeksen als 9000-9099, gescheiden door komma's."
                )
                % {"item": item[:20]},
                code="invalid_postcodes",
            )
        ranges.append(Range(first, last))
        if len(ranges) > MAX_RANGES:
            raise ValidationError(
                _("Geef hoogstens %(max)d postcodes of reeksen op.") % {"max": MAX_RANGES},
                code="invalid_postcodes",
            )
    return merge(ranges)


def _items(text: str) -> list[str]:
    # A range may be written with spaces around its dash: join those before splitting.
    joined = re.sub(r"\s*[-–]\s*", "-", (text or "").strip())
    return [item for item in SEPARATOR.split(joined) if item]


def merge(ranges: list[Range]) -> list[Range]:
    """The same postcodes as the fewest sorted ranges."""
    merged: list[Range] = []
    for current in sorted(ranges):
        if merged and current.first <= merged[-1].last + 1:
            merged[-1] = Range(merged[-1].first, max(merged[-1].last, current.last))
        else:
            merged.append(current)
    return merged


def as_text(ranges: list[Range]) -> str:
    """The ranges as the form shows them: "9000-9099, 9150"."""
    return ", ".join(str(r) for r in sorted(ranges))


def postcode_number(postcode: str) -> int | None:
    """A Belgian postcode as a number, or None when `postcode` is not one ("B-9000" is)."""
    digits = re.sub(r"^(?:B|BE)\s*-?\s*", "", (postcode or "").strip().upper())
    if not re.fullmatch(r"\d{4}", digits):
        return None
    number = int(digits)
    return number if FIRST_POSTCODE <= number <= LAST_POSTCODE else None


def covered(ranges: list[Range], postcode: str) -> bool:
    number = postcode_number(postcode)
    return number is not None and any(r.first <= number <= r.last for r in ranges)
