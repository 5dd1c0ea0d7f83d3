"""Unit tests of the engine's admission rules (applications/engine/admission.py): no database.

Portfolio and cooperation agreement, the partner's confirmation before approval, and the
applications that compete for one quota. The call rules come from the seed (builders.py);
applications are plain `SimpleNamespace` objects.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from applications.engine import GrantedSlice, admission
from applications.engine.admission import AgreementTerms
from tests.applications.engine.builders import RULES, call3_rules, call4_rules

START = date(2025, 3, 1)
CONFIRMED = datetime(2025, 2, 20, 10, 0)

COMPLETE = AgreementTerms(
    minimum_minutes=20 * 60,
    periodicity="Elke eerste vrijdag van de maand",
    work_forms=("advice", "workshop"),
    contact_arrangement="Telefonisch",
    evaluation_arrangement="Jaarlijks gesprek",
    next_evaluation_date=date(2025, 9, 1),
    signed=True,
)


def codes(refusals) -> list[str]:
    return [refusal.code for refusal in refusals]


def agreement_codes(terms, start=START, rules=None) -> list[str]:
    return codes(admission.agreement_refusals(rules or call3_rules(), terms, start))


def candidate(
    *,
    status="submitted",
    start=START,
    findplace_id=None,
    findplace_name="",
    partner_name="",
    partner_email="",
    partner_confirmed_at=None,
    partner_declined_at=None,
):
    findplace = SimpleNamespace(name=findplace_name) if findplace_id else None
    return SimpleNamespace(
        status=status,
        start_date=start,
        findplace_id=findplace_id,
        findplace=findplace,
        partner_name=partner_name,
        partner_email=partner_email,
        partner_confirmed_at=partner_confirmed_at,
        partner_declined_at=partner_declined_at,
    )


# --- Portfolio -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("portfolio", ["", "   \n "])
def test_support_mission_call_without_portfolio_is_refused(number, portfolio):
    assert codes(admission.portfolio_refusals(RULES[number](), portfolio)) == ["portfolio_required"]


@pytest.mark.parametrize("number", [3, 4])
def test_support_mission_call_with_a_portfolio_is_accepted(number):
    assert admission.portfolio_refusals(RULES[number](), "Tien jaar intervisie.") == []


@pytest.mark.parametrize("number", [1, 2])
def test_findplace_calls_need_no_portfolio(number):
    assert admission.portfolio_refusals(RULES[number](), "") == []


# --- The cooperation agreement -------------------------------------------------------------


def test_call3_without_agreement_is_refused():
    assert agreement_codes(None) == ["agreement_required"]


@pytest.mark.parametrize("number", [1, 2, 4])
def test_other_calls_need_no_agreement(number):
    assert agreement_codes(None, rules=RULES[number]()) == []


def test_complete_signed_agreement_is_accepted():
    assert agreement_codes(COMPLETE) == []


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("minimum_minutes", 0, "agreement_minimum_required"),
        ("periodicity", " ", "agreement_periodicity_required"),
        ("work_forms", (), "agreement_work_forms_required"),
        ("contact_arrangement", "", "agreement_contact_required"),
        ("evaluation_arrangement", "\n", "agreement_evaluation_required"),
        ("next_evaluation_date", None, "evaluation_date_required"),
        ("signed", False, "agreement_signature_required"),
    ],
)
def test_each_missing_term_of_the_agreement_has_its_own_refusal(field, value, code):
    assert agreement_codes(dataclasses.replace(COMPLETE, **{field: value})) == [code]


def test_agreement_of_one_minute_minimum_is_accepted():
    assert agreement_codes(dataclasses.replace(COMPLETE, minimum_minutes=1)) == []


def test_empty_agreement_reports_every_missing_term_at_once():
    assert set(agreement_codes(AgreementTerms())) == {
        "agreement_minimum_required",
        "agreement_periodicity_required",
        "agreement_work_forms_required",
        "agreement_contact_required",
        "agreement_evaluation_required",
        "evaluation_date_required",
        "agreement_signature_required",
    }


@pytest.mark.parametrize("work_form", ["presence", "consultation", "<script>"])
def test_agreement_with_a_work_form_outside_call3_is_refused(work_form):
    terms = dataclasses.replace(COMPLETE, work_forms=("advice", work_form))
    assert agreement_codes(terms) == ["agreement_work_form_not_allowed"]


def test_agreement_with_every_call3_work_form_is_accepted():
    terms = dataclasses.replace(COMPLETE, work_forms=tuple(call3_rules().work_forms))
    assert agreement_codes(terms) == []


@pytest.mark.parametrize(
    ("start", "evaluation", "expected"),
    [
        (date(2025, 3, 1), date(2026, 3, 1), []),
        (date(2025, 3, 1), date(2026, 3, 2), ["evaluation_too_late"]),
        (date(2024, 2, 29), date(2025, 2, 28), []),
        (date(2024, 2, 29), date(2025, 3, 1), ["evaluation_too_late"]),
        (date(2025, 3, 1), date(2025, 3, 1), []),
    ],
    ids=["exactly_12_months", "one_day_late", "leap_day_clamped", "leap_day_one_late", "day_one"],
)
def test_next_evaluation_is_at_most_12_months_after_the_start(start, evaluation, expected):
    assert codes(admission.evaluation_refusals(start, evaluation)) == expected
    terms = dataclasses.replace(COMPLETE, next_evaluation_date=evaluation)
    assert agreement_codes(terms, start=start) == expected


def test_evaluation_rule_waits_for_both_dates():
    assert admission.evaluation_refusals(None, date(2030, 1, 1)) == []
    assert admission.evaluation_refusals(START, None) == []


def test_too_late_evaluation_names_the_last_day_in_time():
    [refusal] = admission.evaluation_refusals(START, date(2027, 1, 1))
    assert "01/03/2026" in refusal.message


def test_every_agreement_code_is_listed_for_the_review_page():
    broken = AgreementTerms(work_forms=("presence",), next_evaluation_date=date(2030, 1, 1))
    returned = {
        *agreement_codes(broken),
        *agreement_codes(AgreementTerms()),
        *agreement_codes(None),
    }
    assert returned == admission.AGREEMENT_CODES


def test_agreement_terms_read_the_model_fields():
    agreement = SimpleNamespace(
        minimum_minutes=600,
        periodicity="Maandelijks",
        work_forms="advice,workshop",
        contact_arrangement="Telefonisch",
        evaluation_arrangement="Jaarlijks",
        next_evaluation_date=date(2025, 9, 1),
        signed_pdf="agreements/x.pdf",
    )
    terms = AgreementTerms.from_agreement(agreement)
    assert terms.work_forms == ("advice", "workshop")
    assert terms.signed
    assert AgreementTerms.from_agreement(
        SimpleNamespace(**{**vars(agreement), "work_forms": "", "signed_pdf": ""})
    ) == dataclasses.replace(terms, work_forms=(), signed=False)


# --- The partner's confirmation ------------------------------------------------------------


@pytest.mark.parametrize("number", [1, 2, 3])
def test_approval_waits_for_the_partners_confirmation(number):
    refusals = admission.partner_refusals(RULES[number](), candidate())
    assert codes(refusals) == ["partner_not_confirmed"]


@pytest.mark.parametrize("number", [1, 2, 3])
def test_confirmed_partner_lets_approval_through(number):
    application = candidate(partner_confirmed_at=CONFIRMED)
    assert admission.partner_refusals(RULES[number](), application) == []


def test_declined_partner_has_its_own_refusal():
    application = candidate(partner_declined_at=CONFIRMED)
    assert codes(admission.partner_refusals(RULES[1](), application)) == ["partner_declined"]


@pytest.mark.parametrize(
    "application", [candidate(), candidate(partner_declined_at=CONFIRMED)], ids=["waiting", "no"]
)
def test_override_with_a_reason_lets_approval_through(application):
    refusals = admission.partner_refusals(
        RULES[1](), application, override=True, override_reason="Telefonisch bevestigd."
    )
    assert refusals == []


@pytest.mark.parametrize("reason", ["", "  \n"])
def test_override_without_a_reason_is_refused(reason):
    refusals = admission.partner_refusals(
        RULES[1](), candidate(), override=True, override_reason=reason
    )
    assert codes(refusals) == ["override_reason_required"]


def test_reason_alone_is_no_override():
    refusals = admission.partner_refusals(RULES[1](), candidate(), override_reason="Waarom niet.")
    assert codes(refusals) == ["partner_not_confirmed"]


def test_call4_has_no_partner_to_confirm():
    assert admission.partner_refusals(call4_rules(), candidate()) == []


# --- The same quota ------------------------------------------------------------------------


def test_call4_applications_of_one_psychologist_share_the_quota():
    assert admission.same_quota(call4_rules(), candidate(), candidate(findplace_id=9))


@pytest.mark.parametrize("number", [1, 2])
def test_findplace_calls_share_the_quota_at_the_same_findplace_only(number):
    rules = RULES[number]()
    here = candidate(findplace_id=1)
    assert admission.same_quota(rules, here, candidate(findplace_id=1))
    assert not admission.same_quota(rules, here, candidate(findplace_id=2))
    assert not admission.same_quota(rules, candidate(), candidate())


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("OCMW Aalst", "ocmw@aalst.be"), ("Kinderopvang", "OCMW@Aalst.be"), True),
        (("OCMW  Aalst", ""), ("ocmw aalst ", "andere@aalst.be"), True),
        (("OCMW Aalst", "ocmw@aalst.be"), ("OCMW Gent", "ocmw@gent.be"), False),
        (("", ""), ("", ""), False),
    ],
    ids=["same_email", "same_name", "different", "both_blank"],
)
def test_call3_applications_share_the_quota_with_the_same_partner(first, second, same):
    one = candidate(partner_name=first[0], partner_email=first[1])
    other = candidate(partner_name=second[0], partner_email=second[1])
    assert admission.same_quota(call3_rules(), one, other) is same


# --- Pending applications on the same quota ------------------------------------------------


def pending_codes(rules, application, *others) -> list[str]:
    return codes(admission.pending_refusals(rules, application, others))


@pytest.mark.parametrize("status", ["submitted", "changes_requested"])
def test_second_call4_application_while_one_is_open_is_refused(status):
    assert pending_codes(call4_rules(), candidate(), candidate(status=status)) == [
        "pending_application_exists"
    ]


@pytest.mark.parametrize("status", ["draft", "approved", "rejected", "withdrawn"])
def test_closed_or_draft_application_does_not_block_a_second_one(status):
    assert pending_codes(call4_rules(), candidate(), candidate(status=status)) == []


def test_open_application_in_a_window_sharing_its_last_day_blocks():
    other = candidate(start=date(2024, 3, 1))  # window ends 2025-02-28
    assert pending_codes(call4_rules(), candidate(start=date(2025, 2, 28)), other) == [
        "pending_application_exists"
    ]


def test_open_application_in_the_window_before_does_not_block():
    other = candidate(start=date(2024, 3, 1))  # window ends 2025-02-28
    assert pending_codes(call4_rules(), candidate(start=date(2025, 3, 1)), other) == []


def test_open_call1_application_at_another_findplace_does_not_block():
    here = candidate(findplace_id=1)
    assert pending_codes(RULES[1](), here, candidate(findplace_id=2)) == []
    assert pending_codes(RULES[1](), here, candidate(findplace_id=1)) == [
        "pending_application_exists"
    ]


def test_pending_refusal_names_the_other_application_and_what_to_do():
    other = candidate(findplace_id=1, findplace_name="Huisartsenpraktijk De Linde")
    [refusal] = admission.pending_refusals(RULES[1](), candidate(findplace_id=1), [other])
    assert "oproep 1 vanaf 01/03/2025 bij Huisartsenpraktijk De Linde" in refusal.message
    assert "Wacht op de beslissing" in refusal.message
    assert "trek die aanvraag in" in refusal.message


def test_pending_refusal_of_a_returned_application_says_to_edit_it():
    other = candidate(status="changes_requested", partner_name="OCMW Aalst")
    [refusal] = admission.pending_refusals(
        call3_rules(), candidate(partner_name="ocmw aalst"), [other]
    )
    assert "oproep 3 vanaf 01/03/2025 met OCMW Aalst" in refusal.message
    assert "Pas die aanvraag aan" in refusal.message


def test_several_open_applications_give_one_refusal():
    assert pending_codes(call4_rules(), candidate(), candidate(), candidate()) == [
        "pending_application_exists"
    ]


# --- A quota already fully granted ---------------------------------------------------------


def test_nothing_grantable_refuses_the_submit_and_names_the_end_of_the_grant():
    held = [GrantedSlice(10 * 60, start=date(2025, 1, 1), end=date(2025, 12, 31))]
    [refusal] = admission.quota_used_up_refusals(call4_rules(), 0, held)
    assert refusal.code == "quota_used_up"
    assert "31/12/2025" in refusal.message
    assert "extra uren" in refusal.message


def test_one_grantable_minute_lets_the_submit_through():
    held = [GrantedSlice(10 * 60 - 1, start=date(2025, 1, 1), end=date(2025, 12, 31))]
    assert admission.quota_used_up_refusals(call4_rules(), 1, held) == []


def test_full_findplace_cap_says_to_pick_another_start_or_findplace():
    held = [GrantedSlice(48 * 60, start=date(2025, 1, 1), end=date(2025, 12, 31))]
    [refusal] = admission.quota_used_up_refusals(RULES[2](), 0, held)
    assert "andere vindplaats" in refusal.message


# --- Messages ------------------------------------------------------------------------------

DUTCH_WORDS = {"de", "het", "een", "van", "deze", "u", "niet", "op", "en", "kan", "of"}


def test_every_admission_refusal_is_dutch_text_without_placeholders():
    held = [GrantedSlice(600, start=START, end=date(2026, 2, 28))]
    refusals = [
        *admission.portfolio_refusals(call4_rules(), ""),
        *admission.agreement_refusals(call3_rules(), None, START),
        *admission.agreement_refusals(
            call3_rules(),
            AgreementTerms(work_forms=("x",), next_evaluation_date=date(2030, 1, 1)),
            START,
        ),
        *admission.partner_refusals(RULES[1](), candidate()),
        *admission.partner_refusals(RULES[1](), candidate(partner_declined_at=CONFIRMED)),
        *admission.partner_refusals(RULES[1](), candidate(), override=True),
        *admission.pending_refusals(call4_rules(), candidate(), [candidate()]),
        *admission.pending_refusals(
            call4_rules(), candidate(), [candidate(status="changes_requested")]
        ),
        *admission.quota_used_up_refusals(call4_rules(), 0, held),
        *admission.quota_used_up_refusals(RULES[2](), 0, held),
    ]
    assert {r.code for r in refusals} == {
        "portfolio_required",
        "agreement_required",
        "agreement_minimum_required",
        "agreement_periodicity_required",
        "agreement_contact_required",
        "agreement_evaluation_required",
        "agreement_signature_required",
        "agreement_work_form_not_allowed",
        "evaluation_too_late",
        "partner_not_confirmed",
        "partner_declined",
        "override_reason_required",
        "pending_application_exists",
        "quota_used_up",
    }
    for refusal in refusals:
        assert "%(" not in refusal.message, refusal.code
        words = set(re.findall(r"[a-zà-ÿ']+", refusal.message.lower()))
        assert words & DUTCH_WORDS, refusal.code
