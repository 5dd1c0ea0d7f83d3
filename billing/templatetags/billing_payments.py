"""Template tags of the payment partial of a run's page (templates/billing/_run_payments.html).

The partial is included by run_detail.html with the page's context; these tags read what
it shows, so the run's view needs no change for it.
"""

from django import template
from django.utils import timezone

from billing import payment_selectors, sepa

register = template.Library()


@register.simple_tag
def run_payments(run) -> payment_selectors.RunPayments:
    return payment_selectors.run_payments(run, timezone.localdate())


@register.simple_tag
def sepa_plan(run) -> sepa.Plan:
    return sepa.plan(run, timezone.localdate())
