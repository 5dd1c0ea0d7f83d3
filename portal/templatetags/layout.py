"""{% page_url 'logout' as logout_url %} in the layout every page shows: the URL of a page
without arguments, reversed once per process (portal.navigation.page_url), "" when there
is none, as {% url ... as %} gives it."""

from django import template

from portal.navigation import page_url as reversed_once

register = template.Library()


@register.simple_tag
def page_url(url_name: str) -> str:
    return reversed_once(url_name)
