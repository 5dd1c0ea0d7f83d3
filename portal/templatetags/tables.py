"""The headings of a table partial: {% headings _("Naam") _("Datum") as headings %}."""

from django import template

register = template.Library()


@register.simple_tag
def headings(*labels) -> list:
    """The (translated) column headings, in order, for partials/_table.html."""
    return list(labels)
