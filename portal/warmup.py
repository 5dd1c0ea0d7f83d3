"""What each web worker's first request would otherwise pay, paid when the worker loads.

A fresh worker answered its first page in 0.6–2 s against 10–110 ms once warm (issue 17,
benchmarks/README.md figure 7): the URL configuration imports every view module, each
language's catalogue is read and each template is compiled on first use. `warm_up` does
that as `portal.wsgi` is imported, before the worker accepts a request. It opens no
database connection: with threads, each thread opens its own on its first query.
"""

from pathlib import Path

from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

# Template folders compiled ahead: the portal's own, the form pack crispy renders with.
TEMPLATE_PACKS = ("bootstrap5",)


def warm_up() -> int:
    """Load the URLs and catalogues of every language and compile the templates pages
    use; returns the number of templates compiled."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # reads the language's catalogues
            resolver.reverse_dict  # noqa: B018 - built per language on first access
    return _compile(engines["django"], _page_templates()) + _compile(
        get_default_renderer().engine, _form_widget_templates()
    )


def _page_templates() -> list[str]:
    names = _names_under(Path(settings.BASE_DIR) / "templates")
    for folder in _app_template_folders():
        for pack in TEMPLATE_PACKS:
            names += [f"{pack}/{name}" for name in _names_under(folder / pack)]
    return names


def _form_widget_templates() -> list[str]:
    import django

    folder = Path(django.__file__).parent / "forms" / "templates"
    return _names_under(folder)


def _app_template_folders() -> list[Path]:
    from django.template.utils import get_app_template_dirs

    return [Path(folder) for folder in get_app_template_dirs("templates")]


def _names_under(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))


def _compile(engine, names: list[str]) -> int:
    for name in names:
        engine.get_template(name)
    return len(names)
