"""The published offer of a network (aanbod): what the public pages for first-line actors
show, read in a fixed number of queries.

The offer of a network is its psychologists with an approved allocation running today
(any call). Only what may be public leaves this module: counts, and for a psychologist
who opted in (`Psychologist.listed_publicly`) the name, themes, municipality and
languages. The templates receive these plain records, never a psychologist, so no
e-mail address, RIZIV number or address can reach a public page by accident.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from applications.models import Allocation, ApplicationStatus
from applications.selectors import edition_in_force
from portal.models import ExistingService, Language, Network


@dataclass(frozen=True)
class CallOnOffer:
    number: int
    name: str
    description: str
    work_forms: list[str]  # WorkForm codes, in the call's order


@dataclass(frozen=True)
class ListedPsychologist:
    """Everything the public may see of a psychologist, and nothing more."""

    name: str
    themes: list[str]
    municipality: str
    languages: list[str]


@dataclass(frozen=True)
class MunicipalityOffer:
    municipality: str
    psychologists: int
    findplaces: int


@dataclass
class NetworkOffer:
    network: Network
    calls: list[CallOnOffer]
    themes: list[tuple[str, int]]  # (theme, number of psychologists), most covered first
    psychologists: int
    listed: list[ListedPsychologist]
    services: list[ExistingService]
    municipalities: list[MunicipalityOffer] = field(default_factory=list)


def calls_on_offer(network: Network, today: date | None = None) -> list[CallOnOffer]:
    """The calls a first-line actor can ask support under in `network`: its calls with an
    edition in force today, with their name, description and that edition's work forms."""
    today = today or timezone.localdate()
    offered = []
    for call in network.calls.order_by("number", "id"):
        edition = edition_in_force(call, today)
        if edition is not None:
            offered.append(
                CallOnOffer(
                    number=call.number,
                    name=call.name,
                    description=call.description,
                    work_forms=[form.work_form for form in edition.work_forms.all()],
                )
            )
    return offered


def offered_networks(today: date):
    """Every network with its postcodes and the number of psychologists on offer today."""
    running = _running_filter(today, prefix="allocations__")
    return (
        Network.objects.prefetch_related("postcode_ranges")
        .annotate(
            offer_psychologists=Count("allocations__psychologist", filter=running, distinct=True)
        )
        .order_by("name")
    )


def get_network(code: str) -> Network:
    """The network of `code` (exactly as written), or 404."""
    return get_object_or_404(Network.objects.prefetch_related("postcode_ranges"), code=code)


def network_offer(network: Network, today: date) -> NetworkOffer:
    """The published offer of `network` on `today`."""
    allocations = list(
        Allocation.objects.filter(_running_filter(today), network=network)
        .select_related("psychologist__user", "findplace")
        .prefetch_related("application__themes", "psychologist__themes")
        .order_by("psychologist__user__last_name", "psychologist__user__first_name", "pk")
    )
    themes_of: dict[int, set[str]] = defaultdict(set)
    psychologists = {}
    for allocation in allocations:
        psychologist = allocation.psychologist
        psychologists[psychologist.pk] = psychologist
        themes_of[psychologist.pk].update(t.name for t in psychologist.themes.all())
        themes_of[psychologist.pk].update(t.name for t in allocation.application.themes.all())
    return NetworkOffer(
        network=network,
        calls=calls_on_offer(network),
        themes=_theme_counts(themes_of),
        psychologists=len(psychologists),
        listed=[
            _listed(psychologist, themes_of[pk])
            for pk, psychologist in psychologists.items()
            if psychologist.listed_publicly and psychologist.user.get_full_name()
        ],
        services=list(ExistingService.objects.filter(network=network).order_by("name")),
        municipalities=_by_municipality(allocations),
    )


def _running_filter(today: date, prefix: str = "") -> Q:
    """Allocations of approved applications whose window runs on `today`."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}psychologist__user__is_active": True,
            f"{prefix}window_start__lte": today,
            f"{prefix}window_end__gte": today,
            f"{prefix}application__status": ApplicationStatus.APPROVED,
        }
    )


def _theme_counts(themes_of: dict[int, set[str]]) -> list[tuple[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for themes in themes_of.values():
        for theme in themes:
            counts[theme] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _listed(psychologist, themes: set[str]) -> ListedPsychologist:
    labels = dict(Language.choices)
    codes = psychologist.languages if isinstance(psychologist.languages, list) else []
    return ListedPsychologist(
        name=psychologist.user.get_full_name(),
        themes=sorted(themes),
        municipality=psychologist.municipality,
        languages=[str(labels[code]) for code in codes if code in labels],
    )


def _by_municipality(allocations: list[Allocation]) -> list[MunicipalityOffer]:
    """Where the offer is: per municipality, the psychologists working there and the
    findplaces with a running allocation. An allocation at a findplace counts in the
    findplace's municipality, one without (calls 3 and 4) in the psychologist's own."""
    psychologists: dict[str, set[int]] = defaultdict(set)
    findplaces: dict[str, set[int]] = defaultdict(set)
    for allocation in allocations:
        findplace = allocation.findplace
        town = (
            findplace.municipality if findplace else allocation.psychologist.municipality
        ).strip()
        if not town:
            continue
        psychologists[town].add(allocation.psychologist_id)
        if findplace:
            findplaces[town].add(findplace.pk)
    rows = [
        MunicipalityOffer(town, len(psychologists[town]), len(findplaces[town]))
        for town in psychologists
    ]
    return sorted(rows, key=lambda row: (-row.psychologists, row.municipality))
