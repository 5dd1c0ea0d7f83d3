"""The forms, htmx endpoints and query links of a page, read from its HTML the way a browser
would submit them: the base of the hostile-input test (tests/portal/test_hostile_input.py).

Only what a request needs is kept: where it goes (action, method, htmx URL), each field's
name and kind, and the value a browser sends without the user touching it.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

CSRF_FIELD = "csrfmiddlewaretoken"
# Inputs a browser sends only when they are checked.
CHECKED_KINDS = {"checkbox", "radio"}
IGNORED_KINDS = {"reset", "image"}
# Inputs whose value is one the page offers.
CHOICE_KINDS = {"checkbox", "radio", "select", "select-multiple"}


@dataclass
class Target:
    """One request a page can make: a form (GET or POST), an htmx call or a link with a
    query string."""

    url: str  # path plus query string, resolved against the page
    method: str  # "get" or "post"
    fields: dict[str, str] = field(default_factory=dict)  # name → kind
    defaults: dict[str, list[str]] = field(default_factory=dict)  # what a browser sends as is
    options: dict[str, list[str]] = field(default_factory=dict)  # select, radio, checkbox values
    htmx: bool = False

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    def query(self) -> dict[str, list[str]]:
        query: dict[str, list[str]] = {}
        for name, value in parse_qsl(urlsplit(self.url).query, keep_blank_values=True):
            query.setdefault(name, []).append(value)
        return query

    def signature(self) -> tuple:
        """Targets that take the same input: the same path shape, method and fields."""
        shape = "/".join("#" if part.isdigit() else part for part in self.path.split("/"))
        return shape, self.method, self.htmx, tuple(sorted(self.fields)), tuple(self.query())


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.targets: list[Target] = []
        self._form: Target | None = None
        self._hx_post: Target | None = None
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def _url(self, value: str | None) -> str:
        return urljoin(self.page_url, value or self.page_url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("data-hx-get"):
            self._hx_get(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = Target(self._url(attrs.get("action")), method)
            self.targets.append(self._form)
            if attrs.get("data-hx-post"):
                self._hx_post = Target(self._url(attrs["data-hx-post"]), "post", htmx=True)
                self.targets.append(self._hx_post)
        elif tag == "a" and attrs.get("href", "").startswith("/") and "?" in attrs["href"]:
            link = Target(self._url(attrs["href"]), "get")
            self.targets.append(link)
        elif self._form is None:
            return
        elif tag in ("input", "button"):
            self._input(tag, attrs)
        elif tag == "select" and attrs.get("name"):
            self._select = (attrs["name"], "multiple" in attrs)
            self._options = []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self._text = []

    def _hx_get(self, attrs) -> None:
        target = Target(self._url(attrs["data-hx-get"]), "get", htmx=True)
        if attrs.get("name"):
            target.fields[attrs["name"]] = attrs.get("type", "text")
            target.defaults[attrs["name"]] = [attrs.get("value", "")]
        self.targets.append(target)

    def _input(self, tag, attrs) -> None:
        name = attrs.get("name")
        kind = attrs.get("type", "submit" if tag == "button" else "text").lower()
        if not name or name == CSRF_FIELD or kind in IGNORED_KINDS:
            return
        self._add(name, kind)
        if kind in CHECKED_KINDS:
            self._option(name, attrs.get("value", "on"))
        if kind == "submit":
            return  # which button was pressed is fuzzed, not sent by default
        if kind in CHECKED_KINDS:
            if "checked" in attrs:
                self._default(name, attrs.get("value", "on"))
        elif kind != "file":
            self._default(name, attrs.get("value", ""))

    def _add(self, name: str, kind: str) -> None:
        for target in (self._form, self._hx_post):
            if target is not None:
                target.fields.setdefault(name, kind)

    def _option(self, name: str, value: str) -> None:
        for target in (self._form, self._hx_post):
            if target is not None:
                target.options.setdefault(name, []).append(value)

    def _default(self, name: str, value: str) -> None:
        for target in (self._form, self._hx_post):
            if target is not None:
                target.defaults.setdefault(name, []).append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = self._hx_post = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            self._add(name, "select-multiple" if multiple else "select")
            for value, _selected in self._options:
                self._option(name, value)
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]  # a browser sends the first option
            for value in chosen:
                self._default(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, "textarea")
            self._default(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def targets_of(page_url: str, html: str) -> list[Target]:
    """Every form, htmx request and link with a query string on the page."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.targets
