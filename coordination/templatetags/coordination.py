"""Template tags of the coordinator pages: the colour of a status badge, the partner's
state in words, the uptake chart."""

from django import template
from django.utils.translation import gettext as _

from coordination import presentation
from coordination.selectors.queue import PARTNER_STATES

register = template.Library()

# Bootstrap badge classes of application and extra-hours statuses; any other is grey.
STATUS_BADGES = {
    "submitted": "text-bg-warning",
    "approved": "text-bg-success",
    "rejected": "text-bg-danger",
}


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")


PARTNER_LABELS = dict(PARTNER_STATES)
PARTNER_BADGES = {
    "confirmed": "badge text-bg-success",
    "declined": "badge text-bg-danger",
    "waiting": "badge text-bg-warning",
}


@register.filter
def partner_state_label(state: str) -> str:
    """The partner's state of a queue row (annotated `partner_state`) in words."""
    return PARTNER_LABELS.get(state, "")


@register.filter
def partner_state_badge(state: str) -> str:
    """Its badge classes; none where no confirmation is needed (plain text then)."""
    return PARTNER_BADGES.get(state, "")


@register.inclusion_tag("coordination/_uptake_chart.html")
def uptake_chart(tables: presentation.UptakeTables) -> dict:
    """The SVG bar chart of one network's uptake per call, with its legend."""
    return {
        "chart_id": f"chart-title-{tables.network.pk}",
        "chart_title": _(
            "Uren per oproep voor %(name)s: toegekend, geregistreerd en gefactureerd (de "
            "cijfers staan ook in de tabel)"
        )
        % {"name": tables.network.name},
        "chart": presentation.chart(tables.by_call),
        "series": presentation.CHART_SERIES,
    }
