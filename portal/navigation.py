"""The navigation of each role: what a user sees in the menu and on the home page."""

from django.urls import reverse
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


def nav_items(user, current_path: str) -> list[dict]:
    items, seen = [], set()
    for role, label, url_name in NAV_ITEMS:
        if url_name in seen or not user.has_role(role):
            continue
        seen.add(url_name)
        url = reverse(url_name)
        items.append({"label": label, "url": url, "active": current_path.startswith(url)})
    if user.is_superuser:
        items.append({"label": _("Beheer"), "url": reverse("admin:index"), "active": False})
    return items


def home_url(user) -> str | None:
    """The page a user lands on after login: the home of their first role."""
    for role, url_name in HOME_BY_ROLE:
        if user.has_role(role):
            return reverse(url_name)
    if user.is_superuser:
        return reverse("admin:index")
    return None
