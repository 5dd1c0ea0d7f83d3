"""What every PDF of the portal shares (invoices, the application file): the shipped fonts,
the page counter in the page's language, and text made safe for CSS `content`."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

_COUNTERS = re.compile(r"(%\(page\)s|%\(pages\)s)")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: anything but letters, digits and spaces is escaped,
    so neither a quote nor `</style>` in a translation or a setting can end it."""
    # An escape ends at the space after it (which it swallows), so spaces around it stay.
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def page_counter_content() -> str:
    """The CSS `content` of the page footer: "Pagina " counter(page) " van " counter(pages),
    from one translatable sentence (the word order is the translator's)."""
    parts = _COUNTERS.split(_("Pagina %(page)s van %(pages)s"))
    counters = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
    return " ".join(counters.get(part) or css_string(part) for part in parts if part)


def fonts_url() -> str:
    return (Path(settings.BASE_DIR) / "static" / "fonts").resolve().as_uri() + "/"
