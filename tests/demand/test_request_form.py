"""The public request form at /vraag/: what it stores, what it refuses and keeps."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from post_office.models import Email

from demand.forms import SupportRequestForm
from demand.models import RequestEventKind, RequestState, SupportRequest
from demand.services import intake
from tests.demand.posts import aalst_network, form_post

pytestmark = pytest.mark.django_db
URL = reverse("demand:request_form")


def test_the_form_opens_without_an_account_and_warns_against_client_data(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'id="no-client-data"' in response.content.decode()


def test_a_sent_request_is_new_routed_by_postcode_and_mails_the_confirm_link(client):
    network = aalst_network()
    response = client.post(URL, form_post())
    assert response.status_code == 302
    support_request = SupportRequest.objects.get()
    assert support_request.state == RequestState.NEW
    assert support_request.network == network
    assert support_request.confirmed_at is None
    assert [e.kind for e in support_request.events.all()] == [RequestEventKind.CREATED]
    email = Email.objects.get()
    assert email.to == ["els@example.org"]
    assert "/vraag/bevestig/" in email.message


def test_a_request_from_an_uncovered_postcode_has_no_network(client):
    aalst_network()
    client.post(URL, form_post(postcode="1000", municipality="Brussel"))
    assert SupportRequest.objects.get().network is None


def test_the_requester_gets_the_e_mail_in_the_language_of_the_page(client):
    client.cookies["django_language"] = "fr-be"
    client.post(URL, form_post())
    assert SupportRequest.objects.get().language == "fr-be"
    assert '<html lang="fr-be">' in Email.objects.get().html_message


def test_a_clb_request_is_refused_as_not_yet_open_and_keeps_the_input(client):
    aalst_network()
    response = client.post(URL, form_post(place_kind="clb", organisation="CLB Aalst"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "nog niet" in page
    assert 'value="CLB Aalst"' in page
    assert not SupportRequest.objects.exists()
    assert not Email.objects.exists()


def test_a_request_about_clients_in_care_is_refused_on_its_question(client):
    response = client.post(URL, form_post(about_clients_in_care="ja"))
    assert "about_clients_in_care" in response.context["form"].errors
    assert not SupportRequest.objects.exists()


def test_the_live_check_says_at_once_what_is_not_eligible(client):
    aalst_network()
    response = client.post(
        reverse("demand:request_check"), {"place_kind": "clb", "postcode": "9300"}
    )
    page = response.content.decode()
    assert 'data-code="education_not_open"' in page
    assert "not_in_direct_contact" not in page  # an unanswered declaration is no refusal yet


def test_the_live_check_is_empty_for_an_eligible_request(client):
    response = client.post(reverse("demand:request_check"), form_post())
    assert "data-code" not in response.content.decode()


def test_the_live_check_answers_only_a_post(client):
    assert client.get(reverse("demand:request_check")).status_code == 405


@pytest.mark.parametrize(
    "field, value",
    [
        ("question", "x" * 4001),
        ("organisation", "x" * 201),
        ("question", "abc\x00def"),
        ("postcode", "99999"),
        ("expected_attendees", "1e999"),
        ("wished_from", "2025-02-30"),
        ("themes", "x"),
        ("email", "a" * 250 + "@example.org"),
    ],
)
def test_hostile_input_is_a_form_error_that_keeps_the_rest(client, field, value):
    response = client.post(URL, form_post(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (
        'value="Huisartsenpraktijk De Linde"' in response.content.decode()
        or field == "organisation"
    )
    assert not SupportRequest.objects.exists()


def test_unicode_and_html_are_stored_as_typed_and_shown_escaped(client):
    text = "<script>alert(1)</script> \u202e\U0001f600 vraag"
    client.post(URL, form_post(question=text))
    assert SupportRequest.objects.get().question == text


def test_a_refusal_of_the_model_itself_lands_on_its_field():
    form = SupportRequestForm(form_post())
    assert form.is_valid()
    form.add_refusals(ValidationError({"phone": ["te lang"], "network": ["?"]}))
    assert form.errors["phone"] == ["te lang"]
    assert form.non_field_errors() == ["?"]


def test_the_service_refuses_an_over_long_question_whoever_calls_it():
    form = SupportRequestForm(form_post())
    assert form.is_valid()
    data = {**form.service_data(), "question": "x" * 4001}
    with pytest.raises(ValidationError) as error:
        intake.submit_public(data, language="nl-be", absolute_url=lambda path: path)
    assert [e.code for e in error.value.error_list] == ["text_too_long"]
    assert not SupportRequest.objects.exists()
