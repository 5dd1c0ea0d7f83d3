"""The feedback page behind the signed link: a score of 1 to 5 and a comment, saved once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from demand import links
from demand.models import RequestEventKind, RequestState
from demand.services.feedback import give_feedback
from tests.demand.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def done_request():
    return SupportRequestFactory(state=RequestState.DONE)


def feedback_url(support_request, purpose="feedback"):
    return reverse("demand:feedback", args=[links.token_for(support_request, purpose)])


def test_the_feedback_page_asks_a_score_of_one_to_five(client, done_request):
    response = client.get(feedback_url(done_request))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('type="radio"') == 5
    assert 'id="no-client-data"' in page


def test_an_answer_is_saved_with_a_history_line(client, done_request):
    response = client.post(feedback_url(done_request), {"score": "4", "comment": "Heel fijn."})
    assert "Bedankt voor uw feedback" in response.content.decode()
    done_request.refresh_from_db()
    assert (done_request.feedback_score, done_request.feedback_comment) == (4, "Heel fijn.")
    assert done_request.feedback_at is not None
    assert done_request.events.filter(kind=RequestEventKind.FEEDBACK).count() == 1


def test_a_second_answer_says_thanks_and_changes_nothing(client, done_request):
    client.post(feedback_url(done_request), {"score": "2"})
    response = client.post(feedback_url(done_request), {"score": "5", "comment": "Toch goed"})
    assert "al eerder feedback" in response.content.decode()
    done_request.refresh_from_db()
    assert (done_request.feedback_score, done_request.feedback_comment) == (2, "")
    assert done_request.events.filter(kind=RequestEventKind.FEEDBACK).count() == 1


@pytest.mark.parametrize("score", ["0", "6"])
def test_a_score_outside_one_to_five_is_a_form_error(client, done_request, score):
    response = client.post(feedback_url(done_request), {"score": score})
    assert "score" in response.context["form"].errors
    done_request.refresh_from_db()
    assert done_request.feedback_at is None


@pytest.mark.parametrize("score", [1, 5])
def test_the_service_accepts_one_and_five(done_request, score):
    assert give_feedback(done_request, score) is True
    done_request.refresh_from_db()
    assert done_request.feedback_score == score


@pytest.mark.parametrize("score", [0, 6, True])
def test_the_service_refuses_a_score_outside_one_to_five(done_request, score):
    with pytest.raises(ValidationError) as excinfo:
        give_feedback(done_request, score)
    assert {e.code for e in excinfo.value.error_list} == {"feedback_score_out_of_range"}


def test_the_service_refuses_a_comment_over_2000_characters(done_request):
    with pytest.raises(ValidationError) as excinfo:
        give_feedback(done_request, 3, "x" * 2001)
    assert {e.code for e in excinfo.value.error_list} == {"text_too_long"}


def test_a_comment_over_2000_characters_is_a_form_error(client, done_request):
    response = client.post(feedback_url(done_request), {"score": "3", "comment": "x" * 2001})
    assert "comment" in response.context["form"].errors


@pytest.mark.parametrize("purpose", ["confirm", "follow"])
def test_a_link_of_another_purpose_is_not_found(client, done_request, purpose):
    assert client.get(feedback_url(done_request, purpose)).status_code == 404


@pytest.mark.parametrize("token", ["nonsense", "x" * 500, "..%2F..", "eyJyIjo5OTk5OTl9"])
def test_a_bad_token_is_not_found(client, token):
    assert client.get(reverse("demand:feedback", args=[token])).status_code == 404


def test_an_expired_link_is_not_found(client, done_request, settings, monkeypatch):
    monkeypatch.setitem(links.MAX_AGE_DAYS, "feedback", -1)
    assert client.get(feedback_url(done_request)).status_code == 404


@pytest.mark.parametrize(
    "data",
    [{"score": "abc"}, {"score": ["1", "x"]}, {"score": "\x00"}, {"comment": "<script>"}, {}],
)
def test_hostile_input_on_the_feedback_form_never_gives_a_server_error(client, done_request, data):
    response = client.post(feedback_url(done_request), data)
    assert response.status_code == 200
    done_request.refresh_from_db()
    assert done_request.feedback_at is None
