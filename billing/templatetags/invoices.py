"""Template filters of invoice documents and pages.

{% load invoices %} then {{ invoice.structured_communication|communication }},
{{ invoice.payee_iban|iban }}.
"""

from django import template
from stdnum import iban as iban_number

from billing import structured_communication

register = template.Library()


@register.filter
def communication(digits) -> str:
    """The 12 digits of a structured communication as printed: +++123/4567/89002+++."""
    return structured_communication.printed(digits or "")


@register.filter
def iban(value) -> str:
    """An IBAN in groups of four, as banks print it: BE68 5390 0754 7034."""
    return iban_number.format(value) if value else ""
