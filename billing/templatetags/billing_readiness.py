"""Whether a psychologist may be billed yet, on pages of other apps and on the run page.

Tags, because the pages that show it belong to apps that may not import `billing` (the
profile is `portal`'s, the overview `applications'`, docs/architecture.md): the template
asks, the rule stays in `billing.readiness`. The overview renders this inside its cached
content, so what changes the answer (the profile, an acceptance) raises the
psychologist's data version.
"""

from django import template

from billing.readiness_selectors import own_readiness, skipped_by_run
from billing.self_billing import SELF_BILLING_TERMS_VERSION

register = template.Library()


@register.inclusion_tag("billing/_invoice_readiness.html")
def invoice_readiness(psychologist, on_profile_page=False):
    """What the psychologist still misses before they can be billed, and when they accepted
    each network's self-billing terms (two queries)."""
    if psychologist is None:
        return {"readiness": None}
    return {
        "readiness": own_readiness(psychologist),
        "version": SELF_BILLING_TERMS_VERSION,
        "on_profile_page": on_profile_page,
    }


@register.simple_tag
def run_skipped(run):
    """The psychologists the run skipped for missing data, with what they miss now."""
    return skipped_by_run(run)
