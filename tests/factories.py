"""Factories for every model the tests build (factory_boy)."""

from datetime import date, time, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from applications.models import (
    OOST_VLAANDEREN_CALL_CODES,
    Allocation,
    Application,
    ApplicationStatus,
    Call,
    CallEdition,
    CooperationAgreement,
)
from applications.selectors import edition_in_force
from billing.models import SelfBillingAcceptance
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from demo.numbers import made_up_enterprise_number, made_up_iban
from portal.dates import add_months
from portal.models import (
    ExistingService,
    Findplace,
    FindplaceKind,
    Network,
    Psychologist,
    Role,
    User,
)
from portal.validators import normalize_bic
from registrations.models import Registration

PASSWORD = "Art8-demo-wachtwoord"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    code = factory.Sequence(lambda n: f"NW{n}")
    # Months never close: the rule tests register activities of 2025 long after. Month
    # closing is tested with a closing day of its own (tests/registrations/test_month_closing.py).
    registration_closing_day = None

    @factory.post_generation
    def calls(self, create, extracted, **kwargs):
        """Like the networks of Oost-Vlaanderen, a network publishes their four calls
        (`calls=[...]`: these instead)."""
        if create:
            chosen = Call.objects.filter(code__in=OOST_VLAANDEREN_CALL_CODES)
            self.calls.add(*(chosen if extracted is None else extracted))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        add_roles(self, extracted if extracted is not None else ())

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        for network in extracted or ():
            self.networks.add(network)


def add_roles(user, roles) -> None:
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    user.save()


class CoordinatorFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        add_roles(self, extracted or (Role.COORDINATOR,))


class StaffFactory(UserFactory):
    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        add_roles(self, extracted or (Role.NETWORK_STAFF,))


class PsychologistFactory(factory.django.DjangoModelFactory):
    """A psychologist a network may bill: valid enterprise number and IBAN (made up, check
    digits right), full address, and the self-billing terms in force accepted for each of
    their networks. Opt out per item: `enterprise_number=""`, `iban=""`, `street=""` …,
    `self_billing=False` (no acceptance)."""

    class Meta:
        model = Psychologist
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, roles=(Role.PSYCHOLOGIST,))
    riziv_number = factory.Sequence(lambda n: f"{n:08d}")
    enterprise_number = factory.Sequence(made_up_enterprise_number)
    street = "Kerkstraat 1"
    postal_code = "9000"
    municipality = "Gent"
    iban = factory.Sequence(made_up_iban)
    bic = factory.LazyAttribute(lambda p: normalize_bic("", p.iban) if p.iban else "")

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        self.networks.add(*(extracted or [NetworkFactory(code="PAKT", name="Het PAKT")]))

    @factory.post_generation
    def self_billing(self, create, extracted, **kwargs):
        """After `networks`: the terms in force accepted for each of them."""
        if create and extracted is not False:
            for network in self.networks.all():
                accept_self_billing(self, network)


def accept_self_billing(psychologist, network) -> SelfBillingAcceptance:
    """The psychologist accepted the network's self-billing terms in force (a network that
    bills them outside their convention, say)."""
    return SelfBillingAcceptance.objects.get_or_create(
        psychologist=psychologist, network=network, version=SELF_BILLING_TERMS_VERSION
    )[0]


class FindplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Findplace

    network = factory.SubFactory(NetworkFactory, code="PAKT", name="Het PAKT")
    name = factory.Sequence(lambda n: f"Vindplaats {n}")
    kind = FindplaceKind.GP_PRACTICE
    municipality = "Gent"


def call(number: int) -> Call:
    """One of the four calls of Oost-Vlaanderen."""
    return Call.objects.get(code=str(number))


def edition(number: int) -> CallEdition:
    """The first edition of an Oost-Vlaanderen call (the one the migration made)."""
    return CallEdition.objects.filter(call__code=str(number)).order_by("valid_from").first()


class CooperationAgreementFactory(factory.django.DjangoModelFactory):
    """A complete, signed call-3 agreement, evaluated 6 months after the start date."""

    class Meta:
        model = CooperationAgreement

    minimum_minutes = 20 * 60
    periodicity = "Elke eerste vrijdag van de maand"
    work_forms = "advice,workshop"
    contact_arrangement = "Telefonisch, terugbellen binnen 48 uur"
    evaluation_arrangement = "Jaarlijks gesprek met de teamverantwoordelijke"
    next_evaluation_date = factory.LazyAttribute(lambda a: add_months(a.application.start_date, 6))
    # The name only: nothing is written to storage (tests that open it upload a real one).
    signed_pdf = "agreements/test/overeenkomst.pdf"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A valid application: what its call asks is there, a submitted one's partner confirmed.

    Call 3 gets a complete agreement (`agreement=False`: none; `agreement__field=...` to
    change it), calls 3 and 4 a portfolio. Where the call asks the partner's confirmation
    there is a partner e-mail address, so a draft can be submitted; a draft's partner has
    not been asked yet.
    """

    class Meta:
        model = Application
        skip_postgeneration_save = True

    psychologist = factory.SubFactory(PsychologistFactory)
    network = factory.LazyAttribute(lambda a: a.psychologist.networks.first())
    call = factory.LazyFunction(lambda: call(1))
    findplace = factory.SubFactory(FindplaceFactory, network=factory.SelfAttribute("..network"))
    start_date = date(2025, 1, 1)
    # Rows older than the first edition (made without the services) take the first one.
    edition = factory.LazyAttribute(
        lambda a: edition_in_force(a.call, a.start_date) or a.call.editions.earliest("valid_from")
    )
    requested_minutes = factory.LazyAttribute(lambda a: a.edition.quota_minutes)
    status = ApplicationStatus.SUBMITTED
    structural_offer = True
    partner_name = "Partner"
    # One address per partner name: call 3 counts its quota per partner.
    partner_email = factory.LazyAttribute(
        lambda a: (
            f"{slugify(a.partner_name) or 'partner'}@example.org"
            if a.edition.requires_partner_confirmation
            else ""
        )
    )
    partner_confirmed_at = factory.LazyAttribute(
        lambda a: (
            timezone.now()
            if a.edition.requires_partner_confirmation and a.status != ApplicationStatus.DRAFT
            else None
        )
    )
    portfolio = factory.LazyAttribute(
        lambda a: (
            "Tien jaar intervisie met eerstelijnsactoren." if a.edition.requires_portfolio else ""
        )
    )

    @factory.post_generation
    def agreement(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        if extracted is None and not (self.edition.requires_agreement or kwargs):
            return
        CooperationAgreementFactory(application=self, **kwargs)


class AllocationFactory(factory.django.DjangoModelFactory):
    """An allocation on an approved application, without going through the service."""

    class Meta:
        model = Allocation

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.APPROVED)
    psychologist = factory.SelfAttribute("application.psychologist")
    network = factory.SelfAttribute("application.network")
    call = factory.SelfAttribute("application.call")
    edition = factory.SelfAttribute("application.edition")
    findplace = factory.SelfAttribute("application.findplace")
    window_start = factory.SelfAttribute("application.start_date")
    window_end = factory.LazyAttribute(lambda a: add_months(a.window_start, 12) - timedelta(days=1))
    granted_minutes = factory.LazyAttribute(lambda a: a.edition.quota_minutes)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    allocation = factory.SubFactory(AllocationFactory)
    psychologist = factory.SelfAttribute("allocation.psychologist")
    date = factory.SelfAttribute("allocation.window_start")
    start_time = time(9, 0)
    duration_minutes = 60
    quota_minutes = factory.SelfAttribute("duration_minutes")
    work_form = "consultation"
    attendees = 3


class ExistingServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExistingService

    network = factory.SubFactory(NetworkFactory, code="PAKT", name="Het PAKT")
    name = factory.Sequence(lambda n: f"Werking {n}")
    description = "Koppelt vragen van eerstelijnsactoren aan psychologen."
    email = "werking@example.org"
