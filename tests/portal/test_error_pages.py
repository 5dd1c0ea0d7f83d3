"""Friendly error pages: 403, 404 and 500 render the portal's own templates, not Django's.

A small URLconf adds views that fail on purpose to the portal's own URLs.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug on purpose")


urlpatterns = [
    path("test/verboden/", forbidden),
    path("test/kapot/", broken),
    *portal_urlpatterns,
]


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.mark.django_db
def test_unknown_page_renders_friendly_404(client, settings):
    settings.DEBUG = False
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_permission_denied_renders_friendly_403(client, settings):
    settings.DEBUG = False
    response = client.get("/test/verboden/")
    assert response.status_code == 403
    assert "403.html" in template_names(response)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_crash_renders_friendly_500(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/test/kapot/")
    assert response.status_code == 500
    assert "500.html" in template_names(response)
