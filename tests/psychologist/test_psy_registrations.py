"""Registering activities: the call's fields, live preview, refusals kept on the form,
edit/delete while not billed, the filtered list and its CSV export."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from applications.models import WorkForm
from registrations.models import Registration
from tests.factories import RegistrationFactory
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db


def activity(today, **extra):
    return {
        "date": (today - timedelta(days=1)).isoformat(),
        "start_time": "10:00",
        "duration_minutes": "60",
        "work_form": "consultation",
        "attendees": "4",
        "attendee_roles": "huisartsen",
        "subject": "Afspraken doorverwijzing",
        "place": "Praktijk",
        **extra,
    }


def workshop(today, **extra):
    return activity(today, **{"work_form": "workshop", "duration_minutes": "180", **extra})


def test_form_offers_only_the_calls_work_forms(psy_client, call3_allocation):
    form = psy_client.get(reverse("registrations:create", args=[call3_allocation.pk])).context[
        "form"
    ]
    codes = {code for code, _label in form.fields["work_form"].choices if code}
    assert codes == {
        "advice",
        "orientation",
        "co_consult",
        "case_intervision",
        "theme_intervision",
        "workshop",
    }
    assert "client_consent" in form.fields


def test_call1_form_has_no_consent_box(psy_client, allocation):
    form = psy_client.get(reverse("registrations:create", args=[allocation.pk])).context["form"]
    assert "client_consent" not in form.fields
    assert [code for code, _label in form.fields["work_form"].choices] == ["consultation"]


def test_register_saves_and_reports_remaining_hours(psy_client, allocation, today):
    response = psy_client.post(
        reverse("registrations:create", args=[allocation.pk]), activity(today)
    )
    assert response.status_code == 302
    assert Registration.objects.get().quota_minutes == 60
    [message] = list(get_messages(response.wsgi_request))
    assert "nog 3 u over" in str(message)


def test_workshop_counts_its_prep_hour(psy_client, call3_allocation, today):
    psy_client.post(reverse("registrations:create", args=[call3_allocation.pk]), workshop(today))
    registration = Registration.objects.get()
    assert (registration.prep_minutes, registration.quota_minutes) == (60, 240)


def test_refused_registration_shows_reason_on_field_and_keeps_input(
    psy_client, call3_allocation, today
):
    response = psy_client.post(
        reverse("registrations:create", args=[call3_allocation.pk]),
        workshop(today, attendees="2", subject="Omgaan met stress"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["attendees"]] == ["too_few_attendees"]
    assert 'value="Omgaan met stress"' in response.content.decode()
    assert not Registration.objects.exists()


def test_over_quota_is_refused_with_an_extra_hours_hint(psy_client, allocation, today):
    RegistrationFactory(allocation=allocation, duration_minutes=240, quota_minutes=240)
    response = psy_client.post(
        reverse("registrations:create", args=[allocation.pk]),
        activity(today, duration_minutes="15", start_time="14:00"),
    )
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["duration_minutes"]] == ["quota_exceeded"]
    assert "extra uren" in response.content.decode()


def test_preview_shows_minutes_used_with_prep_and_what_is_left(psy_client, call3_allocation, today):
    response = psy_client.post(
        reverse("registrations:preview", args=[call3_allocation.pk]), workshop(today)
    )
    assert response.status_code == 200
    context = response.context
    assert (context["counted"], context["prep"]) == (240, 60)
    assert context["left_after"] == 48 * 60 - 240
    assert context["refusals"] == []
    assert not Registration.objects.exists()


def test_preview_lists_the_rules_broken(psy_client, call3_allocation, today):
    response = psy_client.post(
        reverse("registrations:preview", args=[call3_allocation.pk]),
        workshop(today, duration_minutes="90"),
    )
    assert [r.code for r in response.context["refusals"]] == ["too_short"]


def test_preview_of_an_incomplete_form_asks_for_the_fields(psy_client, allocation):
    response = psy_client.post(
        reverse("registrations:preview", args=[allocation.pk]), {"duration_minutes": "abc"}
    )
    assert response.status_code == 200
    assert response.context["complete"] is False


def test_preview_of_an_edit_excludes_the_registration_itself(psy_client, allocation, today):
    registration = RegistrationFactory(
        allocation=allocation, duration_minutes=240, quota_minutes=240
    )
    url = reverse("registrations:preview", args=[allocation.pk])
    response = psy_client.post(
        f"{url}?registratie={registration.pk}",
        activity(today, date=registration.date.isoformat(), duration_minutes="240"),
    )
    assert response.context["refusals"] == []
    assert response.context["left_after"] == 0


def test_edit_changes_an_unbilled_registration(psy_client, allocation, today):
    registration = RegistrationFactory(allocation=allocation, date=today - timedelta(days=2))
    response = psy_client.post(
        reverse("registrations:edit", args=[registration.pk]),
        activity(today, duration_minutes="45"),
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.duration_minutes == 45


def test_billed_registration_is_read_only_with_the_reason(psy_client, allocation, today):
    registration = RegistrationFactory(allocation=allocation, is_billed=True)
    response = psy_client.post(
        reverse("registrations:edit", args=[registration.pk]),
        activity(today, duration_minutes="45"),
    )
    assert response.status_code == 200
    assert "al gefactureerd" in response.content.decode()
    registration.refresh_from_db()
    assert registration.duration_minutes == 60


def test_delete_removes_an_unbilled_registration(psy_client, allocation):
    registration = RegistrationFactory(allocation=allocation)
    url = reverse("registrations:delete", args=[registration.pk])
    assert psy_client.get(url).status_code == 200
    assert psy_client.post(url).status_code == 302
    assert not Registration.objects.exists()


def test_billed_registration_cannot_be_deleted(psy_client, allocation):
    registration = RegistrationFactory(allocation=allocation, is_billed=True)
    response = psy_client.post(reverse("registrations:delete", args=[registration.pk]))
    assert response.status_code == 200
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_list_filters_by_work_form_and_billed(psy_client, call3_allocation, today):
    RegistrationFactory(allocation=call3_allocation, work_form="advice", subject="A")
    RegistrationFactory(
        allocation=call3_allocation, work_form="workshop", is_billed=True, start_time="14:00"
    )
    response = psy_client.get(
        reverse("registrations:list"), {"work_form": "advice", "is_billed": "false"}
    )
    assert [r.work_form for r in response.context["registrations"]] == ["advice"]


def test_list_filters_by_period(psy_client, allocation, today):
    RegistrationFactory(allocation=allocation, date=today - timedelta(days=20))
    recent = RegistrationFactory(allocation=allocation, date=today - timedelta(days=2))
    response = psy_client.get(
        reverse("registrations:list"), {"date_from": (today - timedelta(days=5)).isoformat()}
    )
    assert list(response.context["registrations"]) == [recent]


def test_list_pages_by_25(psy_client, allocation):
    for minute in range(26):
        RegistrationFactory(
            allocation=allocation, start_time=f"08:{minute:02d}", duration_minutes=1
        )
    response = psy_client.get(reverse("registrations:list"))
    assert len(response.context["registrations"]) == 25
    assert response.context["page_obj"].paginator.num_pages == 2


def test_allocation_filter_offers_only_own_allocations(psy_client, allocation, other_psychologist):
    foreign = make_allocation(other_psychologist, 1)
    response = psy_client.get(reverse("registrations:list"), {"allocation": foreign.pk})
    assert "allocation" in response.context["filter"].form.errors


def test_csv_export_is_semicolon_separated_utf8_with_bom_and_filtered(psy_client, call3_allocation):
    RegistrationFactory(allocation=call3_allocation, work_form="advice", subject="Één vraag")
    RegistrationFactory(allocation=call3_allocation, work_form="workshop", start_time="14:00")
    response = psy_client.get(reverse("registrations:export"), {"work_form": "advice"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Datum;Beginuur;Oproep")
    assert len(lines) == 2
    assert "Één vraag" in lines[1]


def test_csv_export_neutralises_formulas(psy_client, call3_allocation):
    RegistrationFactory(allocation=call3_allocation, work_form="advice", subject="=HYPERLINK(1)")
    body = psy_client.get(reverse("registrations:export")).content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1);" in body


def test_csv_export_says_a_withdrawn_registration_was_credited_not_billed(
    psy_client, call3_allocation
):
    RegistrationFactory(allocation=call3_allocation, is_billed=True, is_credited=True)
    RegistrationFactory(allocation=call3_allocation, is_billed=True, start_time="14:00")
    body = psy_client.get(reverse("registrations:export")).content.decode("utf-8-sig")
    states = [line.rsplit(";", 1)[1] for line in body.splitlines()[1:]]
    assert sorted(states) == ["gecrediteerd en ingetrokken", "ja"]


def test_preview_works_before_the_text_fields_are_filled(psy_client, allocation, today):
    data = activity(today, subject="", attendee_roles="")
    response = psy_client.post(reverse("registrations:preview", args=[allocation.pk]), data)
    assert response.context["complete"] is True


@pytest.mark.parametrize("language", ["nl-be", "fr-be", "en"])
def test_csv_export_names_the_work_form_in_the_users_language(
    psy_client, call3_allocation, language
):
    user = call3_allocation.psychologist.user
    user.language = language
    user.save()
    RegistrationFactory(allocation=call3_allocation, work_form=WorkForm.ADVICE)
    body = psy_client.get(reverse("registrations:export")).content.decode("utf-8-sig")
    with translation.override(language):
        label = str(WorkForm.ADVICE.label)
    assert body.splitlines()[1].split(";")[4] == label
