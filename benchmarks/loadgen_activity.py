"""The load's applications, allocations and registrations (`benchmarks.loadgen`).

Calls 2, 3 and 4 run in chains of consecutive 12-month windows (a findplace's presence,
an agreement renewed every year, a psychologist's ad hoc missions), each chain starting
on a random day of the year before the history; call 1 windows start on any day. So
about as many allocations run on every day of the history, and registrations are spread
evenly over it. The rules hold by construction: an allocation is filled only up to its
quota (by the share of its window that lies in the history, and by 85–100 %, so a
running window has quota left), windows of one quota owner never overlap, and a
psychologist's activities sit in distinct day slots. The start bonus is left unused, so
u1 + u2 <= base + min(bonus, u1) holds trivially.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta

from applications.models import Allocation, Application, ApplicationStatus, CooperationAgreement
from benchmarks.loadgen import copy_objects, copy_rows, month_index, reserve_ids
from benchmarks.loadgen_history import evaluation_day, stamp
from portal.dates import add_months
from portal.models import LEISURE_KINDS
from registrations import usage
from registrations.models import Registration

SLOTS = (time(8, 0), time(13, 0))  # every activity lasts at most 4 h, so these never overlap
# Call 3 work forms: (work form, duration, prep, attendees, weight).
CALL3_MIX = [
    ("advice", 30, 0, 1, 45),
    ("orientation", 20, 0, 1, 25),
    ("co_consult", 45, 0, 1, 15),
    ("case_intervision", 60, 0, 4, 10),
    ("workshop", 120, 60, 6, 5),
]
CALL_SHARE = {1: 0.25, 2: 0.12, 3: 0.55, 4: 0.08}
# Registrations per allocation and full year in the history (call 3: from the target).
PER_YEAR = {1: 4, 2: 40, 4: 2}
CREDITED_SHARE = 0.005
# Registrations of a matched request's psychologist in the 90 days after the match may
# belong to it, up to three per request.
REQUEST_DAYS, PER_REQUEST = 90, 3


@dataclass
class Registrations:
    """Generated registrations before they are written: rows, the minutes per psychologist
    and month of the history, and the ones a credit note will reverse."""

    rows: list = field(default_factory=list)
    minutes: dict = field(default_factory=dict)  # (psychologist id, month) -> minutes
    credited: dict = field(default_factory=dict)  # psychologist id -> [(month, row index)]
    first_id: int = 0

    def id_of(self, index: int) -> int:
        return self.first_id + index


@dataclass(frozen=True)
class Grant:
    """An allocation as the rest of the load needs it (the rows are written by COPY)."""

    pk: int
    application_id: int
    number: int  # the call's number
    psychologist: object
    network_id: int
    window_start: object
    window_end: object
    granted_minutes: int
    agreement_id: int | None

    @property
    def psychologist_id(self) -> int:
        return self.psychologist.pk


def create_allocations(gen, directory) -> list[Grant]:
    """The approved applications, their agreements (call 3) and allocations."""
    specs = _specs(gen, directory)
    first_application = reserve_ids(Application, len(specs))
    first_allocation = reserve_ids(Allocation, len(specs))
    first_agreement = reserve_ids(CooperationAgreement, sum(1 for s in specs if s[0] == 3))
    applications, agreements, allocations, grants = [], [], [], []
    for offset, (number, psychologist, findplace, start, edition) in enumerate(specs):
        application = first_application + offset
        network = psychologist.network.pk
        coordinator = directory.coordinators[network].pk
        decided = stamp(start - timedelta(days=10))
        applications.append(
            {
                "id": application,
                "psychologist_id": psychologist.pk,
                "network_id": network,
                "call_id": gen.calls[number].pk,
                "edition_id": edition.pk,
                "status": ApplicationStatus.APPROVED,
                "findplace_id": findplace.pk if findplace else None,
                "partner_name": "Partner",
                "partner_confirmed_at": stamp(start - timedelta(days=20)) if number < 4 else None,
                "start_date": start,
                "requested_minutes": edition.quota_minutes,
                "structural_offer": number == 1,
                "weekly_individual_minutes": 240 if number == 2 else 0,
                "submitted_at": stamp(start - timedelta(days=30)),
                "decided_at": decided,
                "decided_by_id": coordinator,
                "created_at": stamp(start - timedelta(days=45)),
                "updated_at": decided,
            }
        )
        if number == 3:
            held = evaluation_day(gen, start)
            agreements.append(
                {
                    "id": first_agreement + len(agreements),
                    "application_id": application,
                    "minimum_minutes": 600,
                    "next_evaluation_date": add_months(held or start, 12),
                }
            )
        bonus = number == 1 and gen.random.random() < 0.3
        end = add_months(start, 12) - timedelta(days=1)
        allocations.append(
            {
                "id": first_allocation + offset,
                "application_id": application,
                "psychologist_id": psychologist.pk,
                "network_id": network,
                "call_id": gen.calls[number].pk,
                "edition_id": edition.pk,
                "findplace_id": findplace.pk if findplace else None,
                "window_start": start,
                "window_end": end,
                "granted_minutes": edition.quota_minutes,
                "bonus_minutes": edition.start_bonus_minutes if bonus else 0,
                "bonus_until": add_months(start, 6) if bonus else None,
                "created_at": decided,
            }
        )
        grants.append(
            Grant(
                first_allocation + offset,
                application,
                number,
                psychologist,
                network,
                start,
                end,
                edition.quota_minutes,
                agreements[-1]["id"] if number == 3 else None,
            )
        )
    copy_objects(Application, applications)
    copy_objects(CooperationAgreement, agreements)
    copy_objects(Allocation, allocations)
    return grants


def _specs(gen, directory) -> list[tuple]:
    """(call, psychologist, findplace, window start, edition) of every allocation."""
    rand, yearly = gen.random, gen.scale.yearly_allocations
    psychologists = directory.psychologists
    specs = []

    def chain(number, psychologist_of, findplace=None):
        first = gen.first_start + timedelta(days=rand.randrange(365))
        year = 0
        while (start := add_months(first, 12 * year)) <= gen.today:
            specs.append((number, psychologist_of(), findplace, start))
            year += 1

    leisure = [f for f in directory.findplaces if f.kind in LEISURE_KINDS]
    rand.shuffle(leisure)
    presence = leisure[: round(CALL_SHARE[2] * yearly)]
    for findplace in presence:
        chain(2, lambda f=findplace: rand.choice(directory.in_network(f.network_id)), findplace)
    ad_hoc = rand.sample(psychologists, min(len(psychologists), round(CALL_SHARE[4] * yearly)))
    for psychologist in ad_hoc:
        chain(4, lambda p=psychologist: p)
    call1 = round(CALL_SHARE[1] * yearly)
    # Chains that calls 2 and 4 could not fill (too few findplaces) become call 3 chains.
    for n in range(yearly - call1 - len(presence) - len(ad_hoc)):
        chain(3, lambda n=n: psychologists[n % len(psychologists)])
    by_network = {}
    for findplace in directory.findplaces:
        by_network.setdefault(findplace.network_id, []).append(findplace)
    used_pairs, span = set(), (gen.today - gen.first_start).days
    # One call-1 allocation a psychologist-findplace pair: their quota never overlaps.
    for n in range(call1 * 4):
        psychologist = psychologists[n % len(psychologists)]
        start = gen.first_start + timedelta(days=rand.randrange(span))
        findplace = rand.choice(by_network[psychologist.network.pk])
        if (psychologist.pk, findplace.pk) in used_pairs:
            specs.append((3, psychologist, None, start))
        else:
            used_pairs.add((psychologist.pk, findplace.pk))
            specs.append((1, psychologist, findplace, start))
    return [(*spec, gen.edition_on(spec[0], spec[3])) for spec in specs]


def _activities(rand, call_number: int, quota: int, wanted: int):
    """(work form, duration, prep, attendees) until `wanted` or the quota is reached."""
    used = 0
    for _ in range(wanted):
        if call_number == 1:
            activity = ("consultation", rand.choice((30, 45, 60, 90)), 0, 3)
        elif call_number == 2:
            activity = ("presence", rand.choice((45, 60, 90)), 0, 8)
        elif call_number == 4:
            activity = ("workshop", rand.choice((120, 180)), 60, 6)
        else:
            activity = rand.choices(CALL3_MIX, weights=[m[4] for m in CALL3_MIX])[0][:4]
        if used + activity[1] + activity[2] > quota:
            break
        used += activity[1] + activity[2]
        yield activity


def create_registrations(gen, allocations, requests) -> Registrations:
    rand, history = gen.random, gen.history_start
    spans = []
    for allocation in allocations:
        first, last = max(allocation.window_start, history), min(allocation.window_end, gen.today)
        days = (last - first).days + 1
        usage = rand.uniform(0.85, 1.0) if allocation.number == 3 else 1.0
        spans.append((first, days, days / 365 * usage))
    fixed = sum(
        PER_YEAR.get(a.number, 0) * share
        for a, (_f, days, share) in zip(allocations, spans, strict=True)
        if days > 0
    )
    weight = sum(
        share
        for a, (_f, days, share) in zip(allocations, spans, strict=True)
        if days > 0 and a.number == 3
    )
    # A few allocations reach their quota before `wanted`: aim 3 % higher.
    per_year = PER_YEAR | {3: max(1.0, (gen.scale.registrations - fixed) / (weight or 1) * 1.03)}
    out, busy, linked = Registrations(), {}, {}
    for allocation, (first, days, share) in zip(allocations, spans, strict=True):
        if days <= 0:
            continue
        number = allocation.number
        expected = per_year[number] * share
        wanted = min(int(expected) + (rand.random() < expected % 1), days * len(SLOTS) // 2)
        psychologist_id = allocation.psychologist_id
        slots, base = busy.setdefault(psychologist_id, set()), first.toordinal()
        offered = requests.by_psychologist.get(psychologist_id, ()) if number in (3, 4) else ()
        for work_form, duration, prep, attendees in _activities(
            rand, number, allocation.granted_minutes, wanted
        ):
            for _attempt in range(20):
                offset, slot = rand.randrange(days), rand.randrange(len(SLOTS))
                key = (base + offset) * 2 + slot
                if key not in slots:
                    break
            else:
                continue
            slots.add(key)
            day = first + timedelta(days=offset)
            request_id = None
            for candidate, matched_on in offered:
                if (
                    0 <= (day - matched_on).days <= REQUEST_DAYS
                    and linked.get(candidate, 0) < PER_REQUEST
                ):
                    request_id = candidate
                    linked[candidate] = linked.get(candidate, 0) + 1
                    break
            month = month_index(history, day)
            index = len(out.rows)
            out.rows.append(
                (allocation.pk, psychologist_id, day, SLOTS[slot], duration, prep)
                + (work_form, attendees, request_id)
            )
            key = (psychologist_id, month)
            out.minutes[key] = out.minutes.get(key, 0) + duration + prep
            if rand.random() < CREDITED_SHARE:
                out.credited.setdefault(psychologist_id, []).append((month, index))
    out.first_id = reserve_ids(Registration, len(out.rows))
    return out


def write_registrations(registrations: Registrations, states) -> None:
    """COPY the registrations with the billing flags the invoices gave them, and count
    what each allocation uses (COPY sends no signal)."""
    columns = (
        "id",
        "allocation_id",
        "psychologist_id",
        "date",
        "start_time",
        "duration_minutes",
        "prep_minutes",
        "quota_minutes",
        "work_form",
        "attendees",
        "attendee_roles",
        "subject",
        "place",
        "client_consent",
        "support_request_id",
        "is_billed",
        "is_credited",
        "billing_round",
        "created_at",
        "updated_at",
    )
    history, billed_through, overrides = (
        states.history_start,
        states.billed_through,
        states.overrides,
    )

    def rows():
        for index, row in enumerate(registrations.rows):
            allocation_id, psychologist_id, day, start, duration, prep, form, attendees, req = row
            flags = overrides.get(index)
            if flags is None:
                billed = month_index(history, day) <= billed_through.get(psychologist_id, -1)
                flags = (billed, False, 1)
            stamp = f"{day.isoformat()} 18:00:00+00"
            yield (
                registrations.id_of(index),
                allocation_id,
                psychologist_id,
                day,
                start,
                duration,
                prep,
                duration + prep,
                form,
                attendees,
                "",
                "Activiteit",
                "",
                form == "co_consult",
                req,
                *flags,
                stamp,
                stamp,
            )

    copy_rows(Registration, columns, rows())
    usage.recount(Allocation.objects.all())
