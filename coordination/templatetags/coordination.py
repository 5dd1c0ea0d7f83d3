"""Template tags of the coordinator pages: the colour of a status badge, the uptake chart."""

from django import template

from coordination import presentation

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


@register.inclusion_tag("coordination/_uptake_chart.html")
def uptake_chart(tables: presentation.UptakeTables) -> dict:
    """The SVG bar chart of one network's uptake per call, with its legend."""
    return {
        "network": tables.network,
        "chart": presentation.chart(tables.by_call),
        "series": presentation.CHART_SERIES,
    }
