"""Demo support requests in every state for the networks' workers (coord.pakt, werking)
and proposals for the psychologists (one to an.peeters waits for her answer), loaded once
through the demand services so the history of each request is real."""

from django.utils import timezone

from demand.models import RequestState, SupportRequest
from demand.services import history, matching, working
from portal.models import FindplaceKind, Network, Theme, User

# (network, organisation, kind, postcode, municipality, question, work form, themes, state)
REQUESTS = [
    (
        "PAKT",
        "Huisartsenpraktijk De Linde",
        FindplaceKind.GP_PRACTICE,
        "9000",
        "Gent",
        "Hoe gaan we als praktijk om met patiënten die vastlopen in piekeren?",
        "workshop",
        ["angst"],
        "confirmed",
    ),
    (
        "PAKT",
        "Lokaal dienstencentrum Ledeberg",
        FindplaceKind.LOCAL_SERVICE_CENTRE,
        "9050",
        "Gent",
        "Ons team wil beter omgaan met rouw bij bezoekers.",
        "intervision",
        ["rouw en verlies"],
        "in_triage",
    ),
    (
        "PAKT",
        "Wijkgezondheidscentrum Rabot",
        FindplaceKind.COMMUNITY_HEALTH_CENTRE,
        "9000",
        "Gent",
        "Een vorming over emotieregulatie voor onze onthaalmedewerkers.",
        "workshop",
        ["emotieregulatie"],
        "proposed",
    ),
    (
        "PAKT",
        "Sociale dienst OCMW Eeklo",
        FindplaceKind.SOCIAL_SERVICE,
        "9900",
        "Eeklo",
        "Intervisie over stress bij maatschappelijk werkers.",
        "intervision",
        ["stress en burn-out"],
        "matched",
    ),
    (
        "PAKT",
        "Buurtwerk Brugse Poort",
        FindplaceKind.COMMUNITY_HOUSE,
        "9000",
        "Gent",
        "Vraag over schuldhulp voor buurtbewoners.",
        "",
        [],
        "answered_otherwise",
    ),
    (
        "PAKT",
        "Sint-Barbaracollege",
        FindplaceKind.SECONDARY_SCHOOL,
        "9000",
        "Gent",
        "Een workshop over faalangst voor leerkrachten.",
        "workshop",
        ["angst"],
        "not_eligible",
    ),
    (
        "PAKT",
        "Huisartsenpraktijk Zuid",
        FindplaceKind.GP_PRACTICE,
        "9000",
        "Gent",
        "Advies over een aanpak bij angstklachten.",
        "advice",
        ["angst"],
        "withdrawn",
    ),
    (
        "RADAR",
        "Jeugdhuis De Kroon",
        FindplaceKind.YOUTH_HOUSE,
        "9700",
        "Oudenaarde",
        "Jeugdwerkers vragen een vorming over emotieregulatie bij jongeren.",
        "workshop",
        ["emotieregulatie"],
        "confirmed",
    ),
    (
        "RADAR",
        "Buurthuis De Wijk",
        FindplaceKind.COMMUNITY_HOUSE,
        "9700",
        "Oudenaarde",
        "Hoe spreken we angst bij jongeren aan?",
        "workshop",
        ["angst"],
        "proposed",
    ),
]
WORKERS = {"PAKT": "coord.pakt", "RADAR": "werking"}


def _url(path: str) -> str:
    return f"http://127.0.0.1:8000{path}"


def load_support_requests(psychologists) -> None:
    """Once: a fresh demo gets the requests, a second run leaves them as they are."""
    if SupportRequest.objects.exists():
        return
    today = timezone.localdate()
    for number, row in enumerate(REQUESTS):
        code, organisation, kind, postcode, town, question, work_form, themes, state = row
        worker = User.objects.get(username=WORKERS[code])
        support_request = SupportRequest.objects.create(
            network=Network.objects.get(code=code),
            state=RequestState.NEW,
            requester_name=f"Contactpersoon {number + 1}",
            requester_role="Teamverantwoordelijke",
            organisation=organisation,
            email=f"vraag{number + 1}@example.org",
            phone="09 000 00 00" if number % 2 else "",
            postcode=postcode,
            municipality=town,
            place_kind=kind,
            question=question,
            work_form=work_form,
            expected_attendees=8,
            in_direct_contact=True,
        )
        support_request.themes.set(Theme.objects.filter(name_nl_be__in=themes))
        history.transition(support_request, RequestState.CONFIRMED)
        _bring_to(support_request, state, worker, psychologists, today)


def _bring_to(support_request, state, worker, psychologists, today) -> None:
    if state == "in_triage":
        working.take_in_triage(support_request, actor=worker)
    elif state in ("proposed", "matched"):
        names = {"PAKT": ["an.peeters"], "RADAR": ["greet.dewilde"]}[support_request.network.code]
        if state == "matched":
            names = ["an.peeters"]
        chosen = [psychologists[name] for name in names]
        proposals = matching.propose(
            support_request,
            [p.pk for p in chosen],
            actor=worker,
            note="Past bij uw thema's; de aanvrager is flexibel in de planning.",
            today=today,
            absolute_url=_url,
        )
        if state == "matched":
            matching.accept_proposal(proposals[0], psychologist=chosen[0])
    elif state == "answered_otherwise":
        working.answer_otherwise(
            support_request, actor=worker, note="Doorverwezen naar het CAW (schuldhulp)."
        )
    elif state == "not_eligible":
        working.close_not_eligible(
            support_request,
            actor=worker,
            reason="Scholen kunnen nog geen beroep doen op deze opdrachten.",
        )
    elif state == "withdrawn":
        history.transition(
            support_request, RequestState.WITHDRAWN, note="De aanvrager trok de vraag in."
        )
