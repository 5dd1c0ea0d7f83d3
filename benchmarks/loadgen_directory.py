"""The load's directory: networks, findplaces, psychologists (ready to be billed) and the
coordinators and staff who review and bill them (`benchmarks.loadgen`)."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from billing.models import SelfBillingAcceptance
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from demo.numbers import BANK_BIC, made_up_enterprise_number, made_up_iban
from portal.models import LEISURE_KINDS, Findplace, FindplaceKind, Network, Psychologist, Role, User

OTHER_KINDS = [
    FindplaceKind.GP_PRACTICE,
    FindplaceKind.COMMUNITY_HEALTH_CENTRE,
    FindplaceKind.NURSING_HOME,
    FindplaceKind.SOCIAL_SERVICE,
    FindplaceKind.CHILDCARE,
]


@dataclass
class Directory:
    networks: list[Network]
    findplaces: list[Findplace]
    psychologists: list[Psychologist]
    coordinators: dict[int, User]  # by network id
    staff: User

    def counts(self) -> dict:
        return {
            "networks": len(self.networks),
            "findplaces": len(self.findplaces),
            "psychologists": len(self.psychologists),
        }

    def in_network(self, network_id: int) -> list[Psychologist]:
        if not hasattr(self, "_by_network"):
            self._by_network = {}
            for psychologist in self.psychologists:
                self._by_network.setdefault(psychologist.network.pk, []).append(psychologist)
        return self._by_network[network_id]


def create(gen) -> Directory:
    networks = _networks(gen)
    findplaces = _findplaces(gen, networks)
    psychologists = _psychologists(gen, networks)
    coordinators, staff = _staff(gen, networks)
    return Directory(networks, findplaces, psychologists, coordinators, staff)


def _networks(gen) -> list[Network]:
    # No closing day: the previous month can be billed on any day of this one.
    from benchmarks.loadgen import LOAD_PREFIX

    networks = Network.objects.bulk_create(
        Network(
            name=f"Netwerk {n + 1:02d}",
            code=f"{LOAD_PREFIX}{n + 1:02d}",
            registration_closing_day=None,
            street="Stationsstraat 1",
            postal_code="9000",
            municipality="Gent",
            enterprise_number=made_up_enterprise_number(90_000 + n),
        )
        for n in range(gen.scale.networks)
    )
    for call in gen.calls.values():
        call.networks.add(*networks)
    return networks


def _findplaces(gen, networks) -> list[Findplace]:
    rows = []
    for n in range(gen.scale.findplaces):
        leisure = gen.random.random() < 0.55
        kind = (
            gen.random.choice(sorted(LEISURE_KINDS)) if leisure else gen.random.choice(OTHER_KINDS)
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


def _psychologists(gen, networks) -> list[Psychologist]:
    from benchmarks.loadgen import LOAD_PREFIX

    users = User.objects.bulk_create(
        (
            User(
                username=f"{LOAD_PREFIX}psy{n + 1}",
                first_name="Psy",
                last_name=f"{n + 1:05d}",
                email=f"psy{n + 1}@example.org",
                password="!",
            )
            for n in range(gen.scale.psychologists)
        ),
        batch_size=2000,
    )
    _add_role(users, Role.PSYCHOLOGIST)
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


def _staff(gen, networks) -> tuple[dict[int, User], User]:
    from benchmarks.loadgen import LOAD_PREFIX

    coordinators = User.objects.bulk_create(
        User(username=f"{LOAD_PREFIX}coord{n + 1}", password="!") for n in range(len(networks))
    )
    _add_role(coordinators, Role.COORDINATOR)
    staff = User.objects.create(username=f"{LOAD_PREFIX}staff", password="!")
    _add_role([staff], Role.NETWORK_STAFF)
    Through = User.networks.through
    Through.objects.bulk_create(
        [Through(user=c, network=n) for c, n in zip(coordinators, networks, strict=True)]
        + [Through(user=staff, network=n) for n in networks]
    )
    return {n.pk: c for c, n in zip(coordinators, networks, strict=True)}, staff


def _add_role(users, role) -> None:
    group = Group.objects.get_or_create(name=role)[0]
    Through = User.groups.through
    Through.objects.bulk_create(
        (Through(user=user, group=group) for user in users), batch_size=5000
    )
