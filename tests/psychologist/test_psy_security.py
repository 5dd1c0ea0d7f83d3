"""Another psychologist's ids give 404 everywhere; garbage input gives form errors, never 500."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import ApplicationStatus
from registrations.models import Registration
from tests.factories import ApplicationFactory, RegistrationFactory
from tests.psychologist.psy_helpers import PDF_BYTES, make_allocation

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(other_psychologist):
    """Objects of another psychologist in the same network."""
    allocation = make_allocation(other_psychologist, 3)
    allocation.application.agreement.signed_pdf.save(
        "x.pdf", SimpleUploadedFile("x.pdf", PDF_BYTES)
    )
    draft = ApplicationFactory(psychologist=other_psychologist, status=ApplicationStatus.DRAFT)
    registration = RegistrationFactory(allocation=allocation, work_form="advice")
    return {"allocation": allocation, "draft": draft, "registration": registration}


def foreign_urls(foreign):
    allocation, draft, registration = (
        foreign["allocation"],
        foreign["draft"],
        foreign["registration"],
    )
    return [
        ("get", reverse("applications:allocation_detail", args=[allocation.pk])),
        ("post", reverse("applications:extra_hours", args=[allocation.pk])),
        ("get", reverse("applications:application_detail", args=[draft.pk])),
        ("get", reverse("applications:application_edit", args=[draft.pk])),
        ("post", reverse("applications:application_edit", args=[draft.pk])),
        ("post", reverse("applications:application_withdraw", args=[draft.pk])),
        ("get", reverse("applications:agreement_pdf", args=[allocation.application_id])),
        ("get", reverse("registrations:create", args=[allocation.pk])),
        ("post", reverse("registrations:create", args=[allocation.pk])),
        ("post", reverse("registrations:preview", args=[allocation.pk])),
        ("get", reverse("registrations:edit", args=[registration.pk])),
        ("post", reverse("registrations:edit", args=[registration.pk])),
        ("get", reverse("registrations:delete", args=[registration.pk])),
        ("post", reverse("registrations:delete", args=[registration.pk])),
        ("get", reverse("registrations:export") + f"?allocation={allocation.pk}"),
    ]


def test_every_psychologist_url_with_another_psychologists_id_is_404(psy_client, foreign):
    for method, url in foreign_urls(foreign):
        response = getattr(psy_client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    foreign["draft"].refresh_from_db()
    assert foreign["draft"].status == ApplicationStatus.DRAFT
    assert Registration.objects.filter(pk=foreign["registration"].pk).exists()


def test_preview_with_someone_elses_registration_to_exclude_is_404(psy_client, allocation, foreign):
    url = reverse("registrations:preview", args=[allocation.pk])
    response = psy_client.post(f"{url}?registratie={foreign['registration'].pk}", {})
    assert response.status_code == 404


def test_registration_list_never_shows_someone_elses_registrations(psy_client, foreign):
    response = psy_client.get(reverse("registrations:list"))
    assert list(response.context["registrations"]) == []


def test_csv_export_never_contains_someone_elses_registrations(psy_client, foreign):
    body = psy_client.get(reverse("registrations:export")).content.decode("utf-8-sig")
    assert len(body.splitlines()) == 1


def test_psychologist_pages_need_login(client, foreign):
    for _method, url in foreign_urls(foreign):
        response = client.get(url)
        assert response.status_code in (302, 405), url


def test_coordinator_role_cannot_open_psychologist_pages(client, foreign):
    from tests.factories import CoordinatorFactory

    client.force_login(CoordinatorFactory())
    assert client.get(reverse("applications:overview")).status_code == 403
    assert client.get(reverse("registrations:list")).status_code == 403


def post_activity(client, allocation, today, **fields):
    data = {
        "date": (today - timedelta(days=1)).isoformat(),
        "start_time": "10:00",
        "duration_minutes": "60",
        "work_form": "consultation",
        "attendees": "3",
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
        **fields,
    }
    return client.post(reverse("registrations:create", args=[allocation.pk]), data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_minutes", "abc"),
        ("duration_minutes", "0"),
        ("duration_minutes", "-30"),
        ("duration_minutes", "1441"),
        ("duration_minutes", "1e9"),
        ("duration_minutes", "99999999999999999999"),
        ("date", "2026-02-30"),
        ("date", "30/02/2026"),
        ("date", "0000-00-00"),
        ("start_time", "25:00"),
        ("start_time", "10:61"),
        ("attendees", "-1"),
        ("attendees", "drie"),
        ("work_form", "workshop"),
        ("work_form", "<script>"),
    ],
)
def test_garbage_registration_input_is_a_form_error(psy_client, allocation, today, field, value):
    response = post_activity(psy_client, allocation, today, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("duration_minutes", "abc"), ("date", "2026-02-30"), ("start_time", "25:00")],
)
def test_garbage_in_the_preview_is_never_a_500(psy_client, allocation, today, field, value):
    response = psy_client.post(
        reverse("registrations:preview", args=[allocation.pk]), {field: value}
    )
    assert response.status_code == 200


def test_script_in_text_is_escaped_on_the_form_and_the_list(psy_client, allocation, today):
    script = "<script>alert(1)</script>"
    response = post_activity(psy_client, allocation, today, subject=script, attendees="0")
    assert script not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()
    post_activity(psy_client, allocation, today, subject=script)
    content = psy_client.get(
        reverse("applications:allocation_detail", args=[allocation.pk])
    ).content.decode()
    assert script not in content


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "2026-02-30"),
        ("start_date", "morgen"),
        ("start_date", "1900-01-01"),
        ("requested_hours", "veel"),
        ("requested_hours", "-4"),
        ("requested_hours", "0"),
        ("weekly_individual_hours", "NaN"),
        ("group_trajectories", "1.5"),
        ("findplace", "abc"),
        ("findplace", "999999"),
    ],
)
def test_garbage_application_input_is_a_form_error(psy_client, today, field, value):
    data = {"start_date": today.isoformat(), "requested_hours": "10", "action": "draft"}
    data[field] = value
    response = psy_client.post(reverse("applications:apply", args=[2]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_script_in_motivation_is_escaped_on_the_detail_page(psy_client, psychologist, today):
    script = "<script>alert(1)</script>"
    psy_client.post(
        reverse("applications:apply", args=[4]),
        {"start_date": today.isoformat(), "motivation": script, "action": "draft"},
    )
    application = psychologist.applications.get()
    content = psy_client.get(
        reverse("applications:application_detail", args=[application.pk])
    ).content.decode()
    assert script not in content
    assert "&lt;script&gt;" in content


def test_garbage_extra_hours_input_is_a_form_error(psy_client, allocation):
    for hours in ("abc", "0", "-2", "1e10"):
        response = psy_client.post(
            reverse("applications:extra_hours", args=[allocation.pk]),
            {"hours": hours, "motivation": "x"},
        )
        assert response.status_code == 200, hours
        assert "hours" in response.context["extra_form"].errors


def test_garbage_filters_on_the_list_are_form_errors(psy_client, allocation):
    response = psy_client.get(
        reverse("registrations:list"),
        {"date_from": "2026-02-30", "allocation": "abc", "page": "zzz", "is_billed": "misschien"},
    )
    assert response.status_code == 200


def test_garbage_filters_on_the_export_are_a_400(psy_client, allocation):
    response = psy_client.get(reverse("registrations:export"), {"date_from": "2026-02-30"})
    assert response.status_code == 400
