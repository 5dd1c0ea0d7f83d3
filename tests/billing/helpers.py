"""Helpers of the billing tests."""

from datetime import date, time

from tests.factories import RegistrationFactory

# The longest IBAN with valid check digits (Russia: 33 characters; no country uses 34): a
# payee's IBAN of the full column length could never be billed.
LONGEST_VALID_IBAN = "RU0204452510040702BBBBBBBBBBBBBBB"


def register(
    allocation, day: date, minutes: int, *, prep: int = 0, work_form="consultation", hour=9
):
    """A registration on `allocation`, as the registration service would have saved it."""
    return RegistrationFactory(
        allocation=allocation,
        date=day,
        start_time=time(hour, 0),
        duration_minutes=minutes,
        prep_minutes=prep,
        quota_minutes=minutes + prep,
        work_form=work_form,
    )
