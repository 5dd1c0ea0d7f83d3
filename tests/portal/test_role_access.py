"""Role access: every role reaches its own pages and is refused (403) the pages of the others.

The pages come from portal.navigation.NAV_ITEMS, so a page added to the menu is covered.
"""

from collections import defaultdict

import pytest
from django.urls import reverse

from portal.models import Role
from portal.navigation import HOME_BY_ROLE, NAV_ITEMS
from tests.portal.conftest import ADMINISTRATOR

GROUP_ROLES = [Role.PSYCHOLOGIST, Role.COORDINATOR, Role.NETWORK_STAFF, Role.EXISTING_SERVICE]


def _roles_by_page() -> dict[str, set[str]]:
    roles = defaultdict(set)
    for role, _label, url_name in NAV_ITEMS:
        roles[url_name].add(Role(role).value)
    return dict(roles)


ROLES_BY_PAGE = _roles_by_page()
OWN_PAGES = [
    (role.value, page)
    for role in GROUP_ROLES
    for page, roles in ROLES_BY_PAGE.items()
    if role in roles
]
OTHER_PAGES = [
    (role.value, page)
    for role in GROUP_ROLES
    for page, roles in ROLES_BY_PAGE.items()
    if role not in roles
]


def _id(case):
    return f"{case[0]}-{case[1]}"


@pytest.mark.parametrize("case", OWN_PAGES, ids=_id)
def test_role_reaches_its_own_pages(client, user_with_role, case):
    role, page = case
    client.force_login(user_with_role(role))
    assert client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize("case", OTHER_PAGES, ids=_id)
def test_role_is_refused_pages_of_other_roles_with_403(client, user_with_role, case):
    role, page = case
    client.force_login(user_with_role(role))
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(ROLES_BY_PAGE))
def test_anonymous_user_is_sent_to_login_from_every_page(client, page):
    url = reverse(page)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("page", sorted(ROLES_BY_PAGE))
def test_administrator_never_gets_a_server_error_on_role_pages(client, user_with_role, page):
    client.force_login(user_with_role(ADMINISTRATOR))
    # The test client re-raises a view's exception, so a crash fails here too.
    assert client.get(reverse(page)).status_code in {200, 403, 404}


def test_administrator_reaches_the_admin(client, user_with_role):
    client.force_login(user_with_role(ADMINISTRATOR))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [role.value for role in GROUP_ROLES])
def test_other_roles_are_sent_to_admin_login_from_the_admin(client, user_with_role, role):
    client.force_login(user_with_role(role))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "role, start_page",
    [(Role(role).value, page) for role, page in HOME_BY_ROLE] + [(ADMINISTRATOR, "admin:index")],
)
def test_home_sends_each_role_to_its_start_page(client, user_with_role, role, start_page):
    client.force_login(user_with_role(role))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse(start_page)


@pytest.mark.django_db
def test_home_sends_anonymous_user_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
