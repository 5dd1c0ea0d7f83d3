"""Finding a psychologist by a few letters of the name or the RIZIV number, among those of
the networks a user follows: a text field and at most 20 suggestions instead of a dropdown
of every psychologist (6,000 at national scale; issue 17)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.models import Psychologist, Role
from portal.permissions import network_scope

SUGGESTION_LIMIT = 20
MIN_TERM_LENGTH = 2
# The id of the <datalist> the field reads and the suggestions replace
# (templates/portal/_psychologist_suggestions.html, included empty by the page).
SUGGESTIONS_ID = "psychologist-suggestions"


def matching(term: str, prefix: str = "") -> Q:
    """Every word of `term` in the first name, the last name or the RIZIV number (of the
    psychologist at `prefix`, e.g. "psychologist__")."""
    condition = Q()
    for word in term.split():
        condition &= (
            Q(**{f"{prefix}user__first_name__icontains": word})
            | Q(**{f"{prefix}user__last_name__icontains": word})
            | Q(**{f"{prefix}riziv_number__icontains": word})
        )
    return condition


def searchable_psychologists(user, role: str | None = None) -> QuerySet[Psychologist]:
    """Psychologists of the networks the user follows as network staff or coordinator (only
    `role` when given); ordered by name."""
    psychologists = Psychologist.objects.all()
    if not user.is_superuser:
        scope = Q(pk__in=[])
        for each in [role] if role else [Role.NETWORK_STAFF, Role.COORDINATOR]:
            scope |= network_scope(user, each, "networks")
        # A subquery, not a join: a psychologist of two of the networks appears once.
        psychologists = psychologists.filter(pk__in=Psychologist.objects.filter(scope).values("pk"))
    return psychologists.select_related("user").order_by(
        "user__last_name", "user__first_name", "pk"
    )


def suggestions(user, term: str) -> list[Psychologist]:
    """At most SUGGESTION_LIMIT psychologists the user may see that match `term`."""
    if len(term.strip()) < MIN_TERM_LENGTH:
        return []
    return list(searchable_psychologists(user).filter(matching(term))[:SUGGESTION_LIMIT])


def suggest_attrs(url: str) -> dict:
    """Widget attributes of a text field with suggestions: the browser's own list
    (`<datalist>`), filled by htmx as the user types; without script it is a text field."""
    return {
        "list": SUGGESTIONS_ID,
        "autocomplete": "off",
        "data-hx-get": url,
        "data-hx-trigger": "input changed delay:300ms",
        "data-hx-target": f"#{SUGGESTIONS_ID}",
        "data-hx-swap": "outerHTML",
    }


class PsychologistField(forms.CharField):
    """One psychologist of `queryset`, typed as a RIZIV number (what a suggestion fills in)
    or as enough of the name to match exactly one."""

    default_error_messages = {
        "psychologist_not_found": _("Geen psycholoog van uw netwerken gevonden voor „%(term)s”."),
        "psychologist_ambiguous": _(
            "Meerdere psychologen passen bij „%(term)s”: kies er een uit de suggesties of "
            "typ het RIZIV-nummer."
        ),
    }

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault("max_length", 160)
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Psychologist.objects.none()

    def clean(self, value):
        term = super().clean(value)
        if not term:
            return None
        exact = self.queryset.filter(riziv_number=term).first()
        if exact is not None:
            return exact
        found = list(self.queryset.filter(matching(term))[:2])
        if len(found) == 1:
            return found[0]
        code = "psychologist_ambiguous" if found else "psychologist_not_found"
        raise ValidationError(self.error_messages[code], code=code, params={"term": term})
