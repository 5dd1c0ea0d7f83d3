"""The self-billing terms (autofacturatie): which version is in force, and where their text is.

**Decision — self-billing**: the network draws up each invoice in the psychologist's name
and for their account (the invoice says so). Belgian VAT law allows that only under a
prior agreement between the two, so every psychologist accepts these terms once per
network in the portal (`billing.services.self_billing.accept_terms`), which keeps the
version and the moment. A run bills nobody who has not accepted the version in force for
that network (`billing.readiness`).

The text is a template (`TERMS_TEMPLATE`, Dutch, translated in the catalogues) with the
network's and the psychologist's names filled in. A change to what it promises is a new
version: raise `SELF_BILLING_TERMS_VERSION` and every psychologist is asked again before
their next invoice; a change of wording only (a typo, a translation) keeps the version.
"""

# Year and month the terms were written; compared as text, never parsed.
SELF_BILLING_TERMS_VERSION = "2026-12"

# Days after an invoice is made available within which the psychologist may contest it;
# after that it counts as accepted by them (the terms say so).
CONTEST_DAYS = 30

TERMS_TEMPLATE = "billing/_self_billing_terms.html"


def terms_context(network, psychologist) -> dict:
    """What the terms template fills in."""
    return {
        "network": network,
        "psychologist": psychologist,
        "version": SELF_BILLING_TERMS_VERSION,
        "contest_days": CONTEST_DAYS,
    }
