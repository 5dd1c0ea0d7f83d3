"""Template tags of the coordinator pages: the uptake chart."""

from django import template

from coordination import presentation

register = template.Library()


@register.inclusion_tag("coordination/_uptake_chart.html")
def uptake_chart(tables: presentation.UptakeTables) -> dict:
    """The SVG bar chart of one network's uptake per call, with its legend."""
    return {
        "network": tables.network,
        "chart": presentation.chart(tables.by_call),
        "series": presentation.CHART_SERIES,
    }
