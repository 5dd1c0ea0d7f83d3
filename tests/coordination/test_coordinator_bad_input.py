"""A decision with an implausible start date is a form error that keeps the input."""

import pytest
from django.urls import reverse

from applications.models import Allocation
from tests.coordination.conftest import make_application


@pytest.mark.parametrize("start", ["0001-01-01", "2023-12-31", "9999-12-31"])
def test_approving_from_an_implausible_start_date_is_a_form_error(
    coordinator_client, network, start
):
    application = make_application(network, requested_minutes=240)

    response = coordinator_client.post(
        reverse("coordination:approve", args=[application.pk]),
        {"approve-hours": "4", "approve-start_date": start},
    )

    assert response.status_code == 200
    form = response.context["approve_form"]
    assert [e.code for e in form.errors.as_data()["start_date"]] == ["start_out_of_range"]
    assert form["start_date"].value() == start
    assert not Allocation.objects.exists()
