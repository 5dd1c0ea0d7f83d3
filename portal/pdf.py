"""What every PDF of the portal shares (invoices, the application file): the shipped fonts,
the page counter in the page's language, text made safe for CSS `content`, and the
typesetting of a document with what is costly to build made once.

What a document's static CSS costs to parse, and its fonts to load into Fontconfig and
Pango, is paid once per thread (`typesetter`), not once per PDF: the ZIP of a run renders
hundreds of PDFs with them. Once per thread, not per process, because a Pango font map is
not safe to share between threads, and gunicorn serves with threads.
"""

import atexit
import gc
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
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


@dataclass
class Typesetter:
    """A thread's font configuration and the static stylesheets parsed with it (their
    @font-face rules are loaded into it once, when a stylesheet is parsed)."""

    font_config: object
    stylesheets: dict = field(default_factory=dict)

    def stylesheet(self, template_name: str):
        """The CSS of `template_name` (a template given `fonts_url`), parsed once."""
        if template_name not in self.stylesheets:
            from weasyprint import CSS

            css = render_to_string(template_name, {"fonts_url": fonts_url()})
            self.stylesheets[template_name] = CSS(
                string=css, base_url=str(settings.BASE_DIR), font_config=self.font_config
            )
        return self.stylesheets[template_name]


_thread = threading.local()


def typesetter() -> Typesetter:
    """This thread's typesetter, built at its first PDF."""
    if getattr(_thread, "typesetter", None) is None:
        _thread.typesetter = build_typesetter()
    return _thread.typesetter


def forget_typesetter() -> None:
    """Drop this thread's typesetter; the next PDF builds a new one. At exit too: its
    font configuration removes its folder of fonts while the modules it needs still exist."""
    _thread.typesetter = None


atexit.register(forget_typesetter)


def build_typesetter() -> Typesetter:
    from weasyprint.text.fonts import FontConfiguration  # heavy import: only for a PDF

    return Typesetter(font_config=FontConfiguration())


def render(html: str, stylesheet: str):
    """The laid-out WeasyPrint document of `html` with the static CSS `stylesheet` (a
    template name). WeasyPrint applies it as a user stylesheet: above its defaults, below
    the document's own <style>, which keeps only what names the document (page rules)."""
    from weasyprint import HTML

    setter = typesetter()
    sheet = setter.stylesheet(stylesheet)
    with collector_paused():
        parsed = HTML(string=html, base_url=str(settings.BASE_DIR))
        return parsed.render(font_config=setter.font_config, stylesheets=[sheet])


def write(document) -> bytes:
    """The PDF of a document `render` laid out."""
    with collector_paused():
        return document.write_pdf()


_collector = {"pausers": 0, "was_enabled": False, "lock": threading.Lock()}


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a document is laid out or written.

    Layout allocates tens of thousands of boxes that all live until the end, so the
    collector would run again and again over them, and over every object of the process,
    to free nothing: about a fifth of the time of a long invoice. Reference counting
    still frees as usual; the collector resumes when the last thread rendering is done.
    """
    lock = _collector["lock"]
    with lock:
        if not _collector["pausers"]:
            _collector["was_enabled"] = gc.isenabled()
            gc.disable()
        _collector["pausers"] += 1
    try:
        yield
    finally:
        with lock:
            _collector["pausers"] -= 1
            if not _collector["pausers"] and _collector["was_enabled"]:
                gc.enable()
