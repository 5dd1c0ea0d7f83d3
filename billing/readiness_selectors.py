"""Read queries behind "who may be billed": the values `billing.readiness` decides on, loaded
for many psychologists in a fixed number of queries.

The runs page (who with billable registrations is not ready, per network), the run page
(who the run skipped, and what they miss now), the billing run itself and a
psychologist's own pages (profile, overview, self-billing page) use them. They decide no
access: callers pass what `billing.access` or the run already scoped.
"""

from collections import namedtuple
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from applications.models import Allocation
from billing.access import self_billing_networks
from billing.models import BillingRun, BillingRunFailure, FailureReason, SelfBillingAcceptance
from billing.readiness import ON_PROFILE, Missing, missing_for
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from portal.models import Network, Psychologist
from registrations.models import Registration


def accepted_pairs(psychologist_ids, network_ids) -> set[tuple[int, int]]:
    """(psychologist id, network id) of the terms in force accepted: one query."""
    return set(
        SelfBillingAcceptance.objects.filter(
            version=SELF_BILLING_TERMS_VERSION,
            psychologist_id__in=list(psychologist_ids),
            network_id__in=list(network_ids),
        ).values_list("psychologist_id", "network_id")
    )


def missing_by_psychologist(
    psychologists: Iterable[Psychologist], network_id: int
) -> dict[int, tuple[Missing, ...]]:
    """What each of these loaded psychologists misses before `network_id` may bill them;
    only those who miss something are in it. One query (their acceptances)."""
    psychologists = list(psychologists)
    accepted = accepted_pairs([p.pk for p in psychologists], [network_id])
    result = {}
    for psychologist in psychologists:
        missing = missing_for(psychologist, accepted=(psychologist.pk, network_id) in accepted)
        if missing:
            result[psychologist.pk] = missing
    return result


@dataclass(frozen=True)
class NotReady:
    psychologist: Psychologist
    missing: tuple[Missing, ...]


@dataclass
class NetworkReadiness:
    """A network's psychologists with billable registrations, and those it may not bill yet."""

    network: Network
    billable: int = 0
    not_ready: list[NotReady] = field(default_factory=list)


# The profile values `missing_for` reads: a staff member of every network asks about 6,000
# psychologists, and loading each as an object with its user took longer than deciding.
_PROFILE = ("enterprise_number", "street", "postal_code", "municipality", "iban")
_Profile = namedtuple("_Profile", _PROFILE)


def not_ready_by_network(networks: Iterable[Network]) -> list[NetworkReadiness]:
    """Per network, how many psychologists have billable registrations and who of them is
    not ready to be billed, with what they miss. Two queries, whatever the numbers: only
    the psychologists not ready are loaded as objects.

    Asked per allocation, like the run asks who it bills (`services.execution`): whatever
    the date of the registrations, they will be in a run sooner or later.
    """
    rows = {network.pk: NetworkReadiness(network) for network in networks}
    accepts = SelfBillingAcceptance.objects.filter(
        version=SELF_BILLING_TERMS_VERSION,
        psychologist_id=OuterRef("psychologist_id"),
        network_id=OuterRef("network_id"),
    )
    # One query with the profile and the acceptance of each pair: lists of 6,000 ids sent
    # back to the database for them cost more than reading them along (issue 17).
    pairs = (
        Allocation.objects.filter(
            Exists(Registration.objects.billable_of_outer_allocation()),
            network_id__in=list(rows),
        )
        .order_by()
        .annotate(accepted=Exists(accepts))
        .values_list(
            "network_id",
            "psychologist_id",
            "accepted",
            *(f"psychologist__{name}" for name in _PROFILE),
        )
        .distinct()
    )
    not_ready = []
    for network_id, psychologist_id, accepted, *profile in pairs:
        rows[network_id].billable += 1
        missing = missing_for(_Profile(*profile), accepted=accepted)
        if missing:
            not_ready.append((network_id, psychologist_id, missing))
    shown = Psychologist.objects.select_related("user").in_bulk({p for _n, p, _m in not_ready})
    for network_id, psychologist_id, missing in not_ready:
        rows[network_id].not_ready.append(NotReady(shown[psychologist_id], missing))
    for row in rows.values():
        row.not_ready.sort(key=lambda item: (item.psychologist.name.lower(), item.psychologist.pk))
    return list(rows.values())


@dataclass(frozen=True)
class SkippedByRun:
    """A psychologist a run skipped for missing data, and what they miss now (empty: they
    completed it since, and starting the run again bills them)."""

    failure: BillingRunFailure
    missing_now: tuple[Missing, ...]


def skipped_by_run(run: BillingRun) -> list[SkippedByRun]:
    """The run's failures for missing data, each with what is missing today: two queries."""
    failures = list(
        run.failures.filter(reason=FailureReason.INCOMPLETE).select_related("psychologist__user")
    )
    missing = missing_by_psychologist([f.psychologist for f in failures], run.network_id)
    return [SkippedByRun(f, missing.get(f.psychologist_id, ())) for f in failures]


@dataclass(frozen=True)
class OwnTerms:
    """One network of a psychologist: its terms accepted in the version in force (when), or
    an earlier version they accepted, or none."""

    network: Network
    acceptance: SelfBillingAcceptance | None
    earlier: SelfBillingAcceptance | None


@dataclass(frozen=True)
class OwnReadiness:
    on_profile: tuple[Missing, ...]
    networks: list[OwnTerms]

    @property
    def ready(self) -> bool:
        return not self.on_profile and all(terms.acceptance for terms in self.networks)

    @property
    def to_accept(self) -> list[OwnTerms]:
        return [terms for terms in self.networks if terms.acceptance is None]


def own_readiness(psychologist: Psychologist) -> OwnReadiness:
    """What a psychologist still misses, for their own pages: two queries."""
    networks = list(self_billing_networks(psychologist))
    latest: dict[int, SelfBillingAcceptance] = {}
    current: dict[int, SelfBillingAcceptance] = {}
    for acceptance in psychologist.self_billing_acceptances.order_by("accepted_at", "pk"):
        latest[acceptance.network_id] = acceptance
        if acceptance.version == SELF_BILLING_TERMS_VERSION:
            current[acceptance.network_id] = acceptance
    on_profile = tuple(m for m in missing_for(psychologist, accepted=True) if m in ON_PROFILE)
    return OwnReadiness(
        on_profile=on_profile,
        networks=[
            OwnTerms(
                network,
                current.get(network.pk),
                None if network.pk in current else latest.get(network.pk),
            )
            for network in networks
        ],
    )
