"""The network's coordinators are told of a submitted application, a partner's answer and an
extra-hours request, as they chose (at once, in the digest, or not); decisions on a
psychologist's own application stay urgent (docs/notifications.md)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from post_office.models import Email

from applications import services
from applications.models import ApplicationStatus
from portal.models import Delivery, DigestItem, DigestKind, Role
from portal.notifications import tell
from tests.factories import (
    ApplicationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    UserFactory,
)
from tests.portal.notifying import EVENTS, PORTAL, mails_to, partner_confirms, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def coordinator(network):
    return CoordinatorFactory(networks=[network])


@pytest.fixture
def outsider():
    """A coordinator of another network."""
    return CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])


@pytest.mark.parametrize("event", EVENTS)
def test_each_event_is_mailed_at_once_to_the_networks_coordinator_with_the_link_to_act(
    event, network, coordinator
):
    link = EVENTS[event](network)
    [email] = mails_to(coordinator)
    assert link in email.message
    assert f'<a href="{link}">' in email.html_message


def test_without_a_request_the_link_uses_the_portals_configured_address(
    network, coordinator, settings
):
    settings.SITE_URL = "https://portaal.example.be"
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]), partner_confirmed_at=None
    )

    services.record_partner_answer(application, accept=True)

    [email] = mails_to(coordinator)
    assert "https://portaal.example.be" + reverse("coordination:review", args=[application.pk]) in (
        email.message
    )


@pytest.mark.parametrize("event", EVENTS)
def test_each_event_reaches_every_coordinator_of_the_network(event, network, coordinator):
    second = CoordinatorFactory(networks=[network])
    EVENTS[event](network)
    assert len(mails_to(coordinator)) == len(mails_to(second)) == 1


@pytest.mark.parametrize("event", EVENTS)
def test_coordinators_of_another_network_are_not_told(event, network, coordinator, outsider):
    EVENTS[event](network)
    assert mails_to(outsider) == []


@pytest.mark.parametrize("event", EVENTS)
def test_users_of_the_network_without_the_coordinator_role_are_not_told(event, network):
    staff = UserFactory(roles=[Role.NETWORK_STAFF])
    staff.networks.add(network)
    EVENTS[event](network)
    assert mails_to(staff) == []


@pytest.mark.parametrize("event", EVENTS)
def test_a_deactivated_coordinator_is_not_told(event, network):
    gone = CoordinatorFactory(networks=[network], is_active=False)
    EVENTS[event](network)
    assert mails_to(gone) == []


@pytest.mark.parametrize("event", EVENTS)
def test_a_coordinator_who_chose_none_gets_no_mail_and_nothing_is_kept(event, network):
    silent = CoordinatorFactory(networks=[network], notification_delivery=Delivery.NONE)
    EVENTS[event](network)
    assert mails_to(silent) == []
    assert not DigestItem.objects.filter(user=silent).exists()


@pytest.mark.parametrize("event", EVENTS)
def test_a_coordinator_who_chose_the_digest_gets_no_mail_but_an_item_with_the_link(event, network):
    reader = CoordinatorFactory(networks=[network], notification_delivery=Delivery.DIGEST)
    link = EVENTS[event](network)
    assert mails_to(reader) == []
    [item] = DigestItem.objects.filter(user=reader)
    assert (item.link, item.sent_at) == (link, None)


def test_the_submission_mail_says_what_happened_and_what_to_do(network, coordinator):
    submit(network)
    [email] = mails_to(coordinator)
    assert email.subject.startswith("Nieuwe aanvraag van ")
    assert "heeft een aanvraag ingediend voor Oproep 1" in email.message
    assert "Wat te doen: beoordeel de aanvraag" in email.message
    assert "De partner werd gevraagd de samenwerking te bevestigen" in email.message


def test_a_resubmission_after_changes_is_told_as_a_changed_application(network, coordinator):
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]),
        status=ApplicationStatus.CHANGES_REQUESTED,
    )
    services.submit_application(application, actor=application.psychologist.user, absolute_url=str)
    [email] = mails_to(coordinator)
    assert email.subject.startswith("Aangepaste aanvraag van ")


def test_a_partner_decline_tells_the_coordinator_the_ways_forward(network, coordinator):
    EVENTS["partner_declined"](network)
    [email] = mails_to(coordinator)
    assert "weigert de samenwerking" in email.subject
    assert "gemotiveerde uitzondering" in email.message


def test_a_partner_confirmation_tells_the_coordinator_the_application_can_be_decided(
    network, coordinator
):
    partner_confirms(network)
    [email] = mails_to(coordinator)
    assert "bevestigt de samenwerking" in email.subject
    assert "de aanvraag wacht op uw beslissing" in email.message


def test_the_extra_hours_mail_names_the_hours_and_the_motivation(network, coordinator):
    EVENTS["extra_hours_requested"](network)
    [email] = mails_to(coordinator)
    assert "vraagt 2 u extra" in email.subject
    assert "Veel vragen van de vindplaats." in email.message


def test_a_refused_submission_tells_no_coordinator(network, coordinator):
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]),
        status=ApplicationStatus.DRAFT,
        partner_email="",
    )
    with pytest.raises(ValidationError):
        services.submit_application(
            application, actor=application.psychologist.user, absolute_url=str
        )
    assert mails_to(coordinator) == []


def test_the_coordinator_is_mailed_in_their_own_language(network):
    french = CoordinatorFactory(networks=[network], language="fr-be")
    submit(network)
    [email] = mails_to(french)
    assert '<html lang="fr-be">' in email.html_message


def test_the_partner_page_links_the_coordinator_to_the_review_page(client, network, coordinator):
    from applications import partner

    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network]), partner_confirmed_at=None
    )
    url = reverse("applications:partner", args=[partner.make_token(application)])
    client.post(url, {"answer": "confirm"})
    [email] = mails_to(coordinator)
    assert f"http://testserver/coordinatie/aanvraag/{application.pk}/" in email.message


def test_the_extra_hours_page_links_the_coordinator_to_the_request(client, network, coordinator):
    from tests.factories import AllocationFactory

    allocation = AllocationFactory(
        application=ApplicationFactory(
            psychologist=PsychologistFactory(networks=[network]),
            status=ApplicationStatus.APPROVED,
        )
    )
    client.force_login(allocation.psychologist.user)
    url = reverse("applications:extra_hours", args=[allocation.pk])
    client.post(url, {"hours": "2", "motivation": "Veel vragen."})
    [email] = mails_to(coordinator)
    request = allocation.extra_hours_requests.get()
    assert f"http://testserver/coordinatie/extra-uren/{request.pk}/" in email.message


# --- The psychologist's mail: decisions urgent, the partner's answer not --------------


@pytest.mark.parametrize("delivery", [Delivery.DIGEST, Delivery.NONE])
def test_a_decision_reaches_the_psychologist_at_once_whatever_they_chose(
    delivery, network, coordinator
):
    application = ApplicationFactory(
        psychologist=PsychologistFactory(networks=[network], user__notification_delivery=delivery)
    )
    services.reject_application(application, actor=coordinator, reason="Geen aanbod.")
    [email] = mails_to(application.psychologist.user)
    assert "afgewezen" in email.subject


def test_the_partners_answer_waits_for_the_digest_of_a_psychologist_who_chose_it(network):
    psychologist = PsychologistFactory(
        networks=[network], user__notification_delivery=Delivery.DIGEST
    )
    application = ApplicationFactory(psychologist=psychologist, partner_confirmed_at=None)
    services.record_partner_answer(application, accept=True, absolute_url=lambda p: PORTAL + p)
    assert mails_to(psychologist.user) == []
    [item] = DigestItem.objects.filter(user=psychologist.user)
    assert item.kind == DigestKind.OWN_PARTNER_ANSWER
    assert item.link == PORTAL + reverse("applications:application_detail", args=[application.pk])


def test_the_partners_answer_is_not_mailed_to_a_psychologist_who_chose_none(network):
    psychologist = PsychologistFactory(networks=[network], user__notification_delivery="none")
    application = ApplicationFactory(psychologist=psychologist, partner_confirmed_at=None)
    services.record_partner_answer(application, accept=False)
    assert mails_to(psychologist.user) == []
    assert not DigestItem.objects.exists()


def test_an_urgent_email_cannot_be_sent_as_a_notification_that_may_wait(coordinator):
    with pytest.raises(ValueError):
        tell(coordinator, "application_approved", {})
    assert not Email.objects.exists()
