"""A psychologist accepts a network's self-billing terms (`billing.self_billing`): once per
network and version, with the moment kept.

Accepting again changes nothing: the first acceptance of a version stays, with its date.
Terms read in a version that is no longer in force (the page was open while the version
changed) are refused, so nobody accepts a text they did not see. The psychologist's row is
locked first, the lock every billing batch takes, so a run never bills them halfway
through an acceptance; the unique constraint on (psychologist, network, version) is the
last line against two clicks at once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from billing.access import self_billing_networks
from billing.models import SelfBillingAcceptance
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from portal.models import Network, Psychologist


def accept_terms(
    psychologist: Psychologist, network: Network, *, version: str = SELF_BILLING_TERMS_VERSION
) -> tuple[SelfBillingAcceptance, bool]:
    """Record that `psychologist` accepts the terms of `network` in `version`; returns the
    acceptance and whether it is new. Refused: another version than the one in force
    (`terms_version_outdated`), a network that neither has the psychologist under
    convention nor granted them hours (`terms_network_not_yours`)."""
    if version != SELF_BILLING_TERMS_VERSION:
        raise ValidationError(
            _(
                "Deze voorwaarden voor autofacturatie zijn niet meer van kracht: versie "
                "%(current)s vervangt ze. Lees de nieuwe versie op deze pagina en aanvaard "
                "die."
            )
            % {"current": SELF_BILLING_TERMS_VERSION},
            code="terms_version_outdated",
        )
    with transaction.atomic():
        psychologist = Psychologist.objects.select_for_update().get(pk=psychologist.pk)
        if not self_billing_networks(psychologist).filter(pk=network.pk).exists():
            raise ValidationError(
                _(
                    "U kunt alleen de voorwaarden aanvaarden van een netwerk waarmee u een "
                    "conventie of een toekenning hebt. Kies een netwerk uit de lijst op de "
                    "pagina Autofacturatie."
                ),
                code="terms_network_not_yours",
            )
        acceptance, created = SelfBillingAcceptance.objects.get_or_create(
            psychologist=psychologist, network=network, version=version
        )
        if created:
            # Their overview shows the acceptance (portal.data_version).
            Psychologist.objects.filter(pk=psychologist.pk).touch()
    return acceptance, created
