"""The navigation of each role: what a user sees in the menu and on the home page.

Every page shows it, so its URLs are reversed once per process (`page_url`): reversing
the dozen links of the menu and the layout was a tenth of a signed-in page without
content (issue 17). They depend only on the URL configuration and the script prefix, both
part of the key, and the translated labels stay lazy.
"""

from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Role

# (role, label, url name); a user sees the items of every role they hold.
NAV_ITEMS = [
    (Role.PSYCHOLOGIST, _("Mijn overzicht"), "applications:overview"),
    (Role.PSYCHOLOGIST, _("Aanvragen"), "applications:calls"),
    (Role.PSYCHOLOGIST, _("Mijn registraties"), "registrations:list"),
    (Role.PSYCHOLOGIST, _("Mijn profiel"), "profile"),
    (Role.PSYCHOLOGIST, _("Mijn facturen"), "billing:my_invoices"),
    (Role.PSYCHOLOGIST, _("Voorstellen"), "demand:proposals"),
    (Role.COORDINATOR, _("Aanvragen beoordelen"), "coordination:queue"),
    (Role.COORDINATOR, _("Opvolging"), "coordination:follow_up"),
    (Role.COORDINATOR, _("Benutting"), "coordination:uptake"),
    (Role.COORDINATOR, _("Register oproep 4"), "coordination:register"),
    (Role.COORDINATOR, _("Ondersteuningsvragen"), "demand:inbox"),
    (Role.EXISTING_SERVICE, _("Ondersteuningsvragen"), "demand:inbox"),
    (Role.COORDINATOR, _("Activiteiten oproep 3 en 4"), "coordination:network_activities"),
    (Role.EXISTING_SERVICE, _("Register oproep 4"), "coordination:register"),
    (Role.EXISTING_SERVICE, _("Activiteiten oproep 3 en 4"), "coordination:network_activities"),
    (Role.PSYCHOLOGIST, _("Meldingen"), "notification_settings"),
    (Role.COORDINATOR, _("Meldingen"), "notification_settings"),
    (Role.NETWORK_STAFF, _("Facturatie"), "billing:runs"),
    (Role.NETWORK_STAFF, _("Netwerkinstellingen"), "network_list"),
]

HOME_BY_ROLE = [
    (Role.PSYCHOLOGIST, "applications:overview"),
    (Role.COORDINATOR, "coordination:queue"),
    (Role.NETWORK_STAFF, "billing:runs"),
    (Role.EXISTING_SERVICE, "coordination:register"),
]


@cache
def _reversed(url_name: str, urlconf: str, prefix: str) -> str:
    """`prefix` only keys the cache: reverse() reads the request's script prefix itself."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return ""


def page_url(url_name: str) -> str:
    """The URL of a page without arguments, "" when the URL configuration has none."""
    return _reversed(url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def nav_items(user, current_path: str) -> list[dict]:
    items, seen = [], set()
    for role, label, url_name in NAV_ITEMS:
        if url_name in seen or not user.has_role(role):
            continue
        seen.add(url_name)
        url = page_url(url_name)
        if url:
            items.append({"label": label, "url": url, "active": current_path.startswith(url)})
    if user.is_superuser:
        items.append({"label": _("Beheer"), "url": page_url("admin:index"), "active": False})
    return items


def home_url(user) -> str | None:
    """The page a user lands on after login: the home of their first role."""
    for role, url_name in HOME_BY_ROLE:
        if user.has_role(role):
            return page_url(url_name)
    if user.is_superuser:
        return page_url("admin:index")
    return None
