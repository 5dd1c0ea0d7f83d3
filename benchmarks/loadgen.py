"""Synthetic national-scale data that respects every rule, deterministic for a seed.

Scale 1 is what all 32 Belgian networks would bring: 6,000 psychologists, 3,000
findplaces, 25,000 allocations over two years and 1,000,000 registrations. Rows are
bulk-inserted (COPY for registrations on PostgreSQL). The rules hold by construction:
each allocation is filled only up to its quota, call-2 windows at one findplace follow
each other without overlap, and a psychologist's activities sit in distinct day slots.
"""

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib.auth.models import Group
from django.db import connection, transaction

from applications.models import (
    OOST_VLAANDEREN_CALL_CODES,
    Allocation,
    Application,
    ApplicationStatus,
    Call,
    CooperationAgreement,
)
from billing.models import SelfBillingAcceptance
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from demo.numbers import BANK_BIC, made_up_enterprise_number, made_up_iban
from portal.dates import add_months
from portal.models import LEISURE_KINDS, Findplace, FindplaceKind, Network, Psychologist, Role, User
from registrations.models import Registration

LOAD_PREFIX = "load-"
SLOTS = (time(8, 0), time(13, 0))  # every activity lasts at most 4 h, so these never overlap
OTHER_KINDS = [
    FindplaceKind.GP_PRACTICE,
    FindplaceKind.COMMUNITY_HEALTH_CENTRE,
    FindplaceKind.NURSING_HOME,
    FindplaceKind.SOCIAL_SERVICE,
    FindplaceKind.CHILDCARE,
]
# Call 3 work forms: (work form, duration, prep, attendees, weight).
CALL3_MIX = [
    ("advice", 30, 0, 1, 45),
    ("orientation", 20, 0, 1, 25),
    ("co_consult", 45, 0, 1, 15),
    ("case_intervision", 60, 0, 4, 10),
    ("workshop", 120, 60, 6, 5),
]
CALL_SHARE = {1: 0.25, 2: 0.12, 3: 0.55, 4: 0.08}


@dataclass(frozen=True)
class Scale:
    networks: int
    psychologists: int
    findplaces: int
    allocations: int
    registrations: int

    @classmethod
    def of(cls, factor: float) -> "Scale":
        return cls(
            networks=32 if factor >= 1 else max(3, round(32 * factor)),
            psychologists=max(8, round(6000 * factor)),
            findplaces=max(12, round(3000 * factor)),
            allocations=max(20, round(25000 * factor)),
            registrations=max(200, round(1_000_000 * factor)),
        )


class LoadGenerator:
    def __init__(self, scale: Scale, seed: int = 2026, today: date | None = None, log=print):
        self.scale = scale
        self.random = random.Random(seed)
        self.today = today or date.today()
        self.log = log
        self.calls = {
            call.number: call for call in Call.objects.filter(code__in=OOST_VLAANDEREN_CALL_CODES)
        }
        # The load's windows all start after 2024-04-01: the first edition holds them.
        self.editions = {
            number: call.editions.order_by("valid_from").first()
            for number, call in self.calls.items()
        }

    def run(self) -> dict:
        if Network.objects.filter(code__startswith=LOAD_PREFIX).exists():
            raise RuntimeError("Load data already present: use a fresh database.")
        with transaction.atomic():
            networks = self._networks()
            findplaces = self._findplaces(networks)
            psychologists = self._psychologists(networks)
            self._staff(networks)
            allocations = self._allocations(networks, findplaces, psychologists)
        count = self._registrations(allocations)
        return {
            "networks": len(networks),
            "findplaces": len(findplaces),
            "psychologists": len(psychologists),
            "allocations": len(allocations),
            "registrations": count,
        }

    def _networks(self) -> list[Network]:
        # No closing day: the previous month can be billed on any day of this one.
        names = [
            (f"Netwerk {n + 1:02d}", f"{LOAD_PREFIX}{n + 1:02d}")
            for n in range(self.scale.networks)
        ]
        networks = Network.objects.bulk_create(
            Network(name=name, code=code, registration_closing_day=None) for name, code in names
        )
        for call in self.calls.values():
            call.networks.add(*networks)
        return networks

    def _findplaces(self, networks) -> list[Findplace]:
        rows = []
        for n in range(self.scale.findplaces):
            leisure = self.random.random() < 0.55
            kind = (
                self.random.choice(sorted(LEISURE_KINDS))
                if leisure
                else self.random.choice(OTHER_KINDS)
            )
            rows.append(
                Findplace(
                    network=networks[n % len(networks)],
                    name=f"Vindplaats {n + 1}",
                    kind=kind,
                    municipality=f"Gemeente {n % 300 + 1}",
                )
            )
        return Findplace.objects.bulk_create(rows, batch_size=2000)

    def _psychologists(self, networks) -> list[Psychologist]:
        users = User.objects.bulk_create(
            (
                User(
                    username=f"{LOAD_PREFIX}psy{n + 1}",
                    first_name="Psy",
                    last_name=f"{n + 1:05d}",
                    email=f"psy{n + 1}@example.org",
                    password="!",
                )
                for n in range(self.scale.psychologists)
            ),
            batch_size=2000,
        )
        self._add_role(users, Role.PSYCHOLOGIST)
        # Complete invoice data, so every psychologist can be billed (billing.readiness).
        psychologists = Psychologist.objects.bulk_create(
            (
                Psychologist(
                    user=user,
                    riziv_number=f"L{n:010d}",
                    enterprise_number=made_up_enterprise_number(n),
                    street="Kerkstraat 1",
                    postal_code="9000",
                    municipality="Gent",
                    iban=made_up_iban(n),
                    bic=BANK_BIC,
                )
                for n, user in enumerate(users)
            ),
            batch_size=2000,
        )
        Through = Psychologist.networks.through
        Through.objects.bulk_create(
            (
                Through(psychologist=p, network=networks[n % len(networks)])
                for n, p in enumerate(psychologists)
            ),
            batch_size=5000,
        )
        for n, psychologist in enumerate(psychologists):
            psychologist.network = networks[n % len(networks)]
        # Each accepted the self-billing terms in force of the network that bills them.
        SelfBillingAcceptance.objects.bulk_create(
            (
                SelfBillingAcceptance(
                    psychologist=p, network=p.network, version=SELF_BILLING_TERMS_VERSION
                )
                for p in psychologists
            ),
            batch_size=5000,
        )
        return psychologists

    def _staff(self, networks) -> None:
        coordinators = User.objects.bulk_create(
            User(username=f"{LOAD_PREFIX}coord{n + 1}", password="!") for n in range(len(networks))
        )
        self._add_role(coordinators, Role.COORDINATOR)
        staff = User.objects.create(username=f"{LOAD_PREFIX}staff", password="!")
        self._add_role([staff], Role.NETWORK_STAFF)
        Through = User.networks.through
        Through.objects.bulk_create(
            [Through(user=c, network=n) for c, n in zip(coordinators, networks, strict=True)]
            + [Through(user=staff, network=n) for n in networks]
        )

    def _add_role(self, users, role) -> None:
        group = Group.objects.get_or_create(name=role)[0]
        Through = User.groups.through
        Through.objects.bulk_create(
            (Through(user=user, group=group) for user in users), batch_size=5000
        )

    def _allocations(self, networks, findplaces, psychologists) -> list[Allocation]:
        by_network = {}
        for findplace in findplaces:
            by_network.setdefault(findplace.network_id, []).append(findplace)
        leisure = [f for f in findplaces if f.kind in LEISURE_KINDS]
        presence_slots = [(f, i % 30, year) for year in (0, 1) for i, f in enumerate(leisure)]
        self.random.shuffle(presence_slots)
        call4_slots = [(p, i % 30, year) for year in (0, 1) for i, p in enumerate(psychologists)]
        self.random.shuffle(call4_slots)
        first_day = self.today - timedelta(days=760)
        specs, used_pairs = [], set()
        for n in range(self.scale.allocations):
            number = self._pick_call()
            if number == 2 and presence_slots:
                findplace, offset, year = presence_slots.pop()
                psychologist = self._psychologist_in(psychologists, findplace.network_id)
                start = add_months(first_day + timedelta(days=offset), 12 * year)
            elif number == 4 and call4_slots:
                psychologist, offset, year = call4_slots.pop()
                findplace = None
                start = add_months(first_day + timedelta(days=offset), 12 * year)
            else:
                number = 3 if number in (2, 4) else number
                psychologist = psychologists[n % len(psychologists)]
                start = first_day + timedelta(days=self.random.randint(30, 759))
                findplace = None
                if number == 1:
                    candidates = by_network[psychologist.network.pk]
                    findplace = self.random.choice(candidates)
                    if (psychologist.pk, findplace.pk) in used_pairs:
                        number = 3
                        findplace = None
                    else:
                        used_pairs.add((psychologist.pk, findplace.pk))
            specs.append((number, psychologist, findplace, start))
        applications = Application.objects.bulk_create(
            (
                Application(
                    psychologist=psychologist,
                    network=psychologist.network,
                    call=self.calls[number],
                    edition=self.editions[number],
                    findplace=findplace,
                    status=ApplicationStatus.APPROVED,
                    start_date=start,
                    requested_minutes=self.editions[number].quota_minutes,
                    structural_offer=number == 1,
                    weekly_individual_minutes=240 if number == 2 else 0,
                    partner_name="Partner",
                )
                for number, psychologist, findplace, start in specs
            ),
            batch_size=2000,
        )
        CooperationAgreement.objects.bulk_create(
            (
                CooperationAgreement(
                    application=application,
                    minimum_minutes=600,
                    next_evaluation_date=add_months(application.start_date, 12),
                )
                for application in applications
                if application.call_id == self.calls[3].pk
            ),
            batch_size=2000,
        )
        rows = []
        for application, (number, psychologist, findplace, start) in zip(
            applications, specs, strict=True
        ):
            edition = self.editions[number]
            bonus = number == 1 and self.random.random() < 0.3
            rows.append(
                Allocation(
                    application=application,
                    psychologist=psychologist,
                    network=psychologist.network,
                    call=self.calls[number],
                    edition=edition,
                    findplace=findplace,
                    window_start=start,
                    window_end=add_months(start, 12) - timedelta(days=1),
                    granted_minutes=edition.quota_minutes,
                    bonus_minutes=edition.start_bonus_minutes if bonus else 0,
                    bonus_until=add_months(start, 6) if bonus else None,
                )
            )
        return Allocation.objects.bulk_create(rows, batch_size=2000)

    def _pick_call(self) -> int:
        roll, cumulative = self.random.random(), 0.0
        for number, share in CALL_SHARE.items():
            cumulative += share
            if roll < cumulative:
                return number
        return 3

    def _psychologist_in(self, psychologists, network_id):
        while True:
            psychologist = self.random.choice(psychologists)
            if psychologist.network.pk == network_id:
                return psychologist

    def _activities(self, call_number: int, quota: int, wanted: int):
        """(work form, duration, prep, attendees) until `wanted` or the quota is reached."""
        used = 0
        for _ in range(wanted):
            if call_number == 1:
                activity = ("consultation", self.random.choice((30, 45, 60, 90)), 0, 3)
            elif call_number == 2:
                activity = ("presence", self.random.choice((45, 60, 90)), 0, 8)
            elif call_number == 4:
                activity = ("workshop", self.random.choice((120, 180)), 60, 6)
            else:
                activity = self.random.choices(CALL3_MIX, weights=[m[4] for m in CALL3_MIX])[0][:4]
            if used + activity[1] + activity[2] > quota:
                break
            used += activity[1] + activity[2]
            yield activity

    def _registrations(self, allocations) -> int:
        per_call = {1: 4, 2: 40, 4: 2}
        fixed = sum(per_call.get(a.call.number, 0) for a in allocations)
        call3 = sum(1 for a in allocations if a.call.number == 3) or 1
        # Some allocations start too recently to hold their share: aim 15 % higher, stop at target.
        per_call[3] = max(1, int((self.scale.registrations - fixed) / call3 * 1.15) + 1)
        billed_before = (self.today.replace(day=1) - timedelta(days=1)).replace(day=1)
        busy: dict[int, set] = {}
        columns = (
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
            "is_billed",
            "is_credited",
            "billing_round",
            "created_at",
            "updated_at",
        )
        rows = []
        now = f"{self.today.isoformat()} 12:00:00+00"
        for allocation in allocations:
            last = min(allocation.window_end, self.today)
            days = (last - allocation.window_start).days + 1
            if days <= 0:
                continue
            # The start bonus is left unused, so u1 + u2 <= base + min(bonus, u1) holds trivially.
            quota = allocation.granted_minutes
            slots = busy.setdefault(allocation.psychologist_id, set())
            wanted = min(per_call[allocation.call.number], days * len(SLOTS) // 2)
            for work_form, duration, prep, attendees in self._activities(
                allocation.call.number, quota, wanted
            ):
                for _attempt in range(20):
                    day = allocation.window_start + timedelta(days=self.random.randrange(days))
                    slot = self.random.choice(SLOTS)
                    if (day, slot) not in slots:
                        break
                else:
                    continue
                slots.add((day, slot))
                rows.append(
                    (
                        allocation.pk,
                        allocation.psychologist_id,
                        day,
                        slot,
                        duration,
                        prep,
                        duration + prep,
                        work_form,
                        attendees,
                        "",
                        "Activiteit",
                        "",
                        work_form == "co_consult",
                        day < billed_before,
                        False,
                        1,
                        now,
                        now,
                    )
                )
                if len(rows) >= self.scale.registrations:
                    break
            if len(rows) >= self.scale.registrations:
                break
        self._insert(columns, rows)
        return len(rows)

    def _insert(self, columns, rows) -> None:
        if connection.vendor == "postgresql":
            table = Registration._meta.db_table
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        Registration.objects.bulk_create(
            (Registration(**dict(zip(columns, row, strict=True))) for row in rows),
            batch_size=2000,
        )
