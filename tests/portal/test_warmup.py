"""A web worker compiles its templates and reads its URLs and catalogues as it loads
(portal.warmup), so its first request costs what a warm one does (issue 17)."""

import pytest
from django.forms.renderers import get_default_renderer
from django.template import engines

from portal.warmup import warm_up


def cached_names(backend) -> set[str]:
    [loader] = backend.engine.template_loaders
    return set(loader.get_template_cache)


@pytest.fixture
def cold():
    """Every template cache emptied, as in a worker that just started."""
    for backend in (engines["django"], get_default_renderer().engine):
        backend.engine.template_loaders[0].reset()


def test_the_warm_up_compiles_the_page_templates(cold):
    warm_up()

    assert {"base.html", "registrations/list.html"} <= cached_names(engines["django"])


def test_the_warm_up_compiles_the_form_pack_crispy_renders_with(cold):
    warm_up()

    assert "bootstrap5/field.html" in cached_names(engines["django"])


def test_the_warm_up_compiles_the_form_widget_templates(cold):
    warm_up()

    assert "django/forms/widgets/input.html" in cached_names(get_default_renderer().engine)


def test_the_warm_up_touches_no_database(cold):
    # No django_db mark: pytest-django refuses any query here.
    assert warm_up() > 200
