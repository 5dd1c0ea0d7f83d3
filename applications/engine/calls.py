"""The rules of one call edition as plain values, and the refusal every rule returns.

Every other module of the engine reads a call through `CallRules`: the edition and its
work forms copied once into frozen values (`CallRules.from_edition`), so no rule needs a
query and a rule cannot change an edition by accident. A broken rule answers with a `Refusal`: a stable
code (tests assert on it) and a Dutch message that says which rule was hit and what to do
next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from applications.models import QuotaBasis


class Refusal(NamedTuple):
    code: str
    message: str


@dataclass(frozen=True)
class WorkFormRule:
    work_form: str
    min_attendees: int = 1
    min_minutes: int | None = None
    max_minutes: int | None = None
    prep_minutes: int = 0
    requires_consent: bool = False


@dataclass(frozen=True)
class CallRules:
    """The rules of one call edition as plain values (built from a `CallEdition` and its
    work forms)."""

    number: int
    quota_minutes: int
    window_months: int = 12
    quota_basis: str = QuotaBasis.PSYCHOLOGIST
    # Call 2: one quota per findplace, shared by every psychologist there.
    quota_shared_at_findplace: bool = False
    start_bonus_minutes: int = 0
    start_bonus_months: int = 0
    exception_quota_minutes: int = 0
    requires_findplace: bool = False
    requires_leisure_findplace: bool = False
    requires_structural_offer: bool = False
    min_weekly_individual_minutes: int = 0
    min_group_trajectories: int = 0
    requires_agreement: bool = False
    requires_portfolio: bool = False
    requires_partner_confirmation: bool = False
    exclusions_apply: bool = False
    open_for_education: bool = False
    prep_counts_against_quota: bool = True
    work_forms: dict[str, WorkFormRule] = field(default_factory=dict)

    @classmethod
    def from_edition(cls, edition) -> CallRules:
        """Build from a `CallEdition`; select its `call` and prefetch its `work_forms` to
        keep this query-free."""
        return cls(
            number=edition.number,
            quota_minutes=edition.quota_minutes,
            quota_basis=edition.quota_basis,
            quota_shared_at_findplace=edition.quota_basis == QuotaBasis.FINDPLACE,
            window_months=edition.window_months,
            start_bonus_minutes=edition.start_bonus_minutes,
            start_bonus_months=edition.start_bonus_months,
            exception_quota_minutes=edition.exception_quota_minutes,
            requires_findplace=edition.requires_findplace,
            requires_leisure_findplace=edition.requires_leisure_findplace,
            requires_structural_offer=edition.requires_structural_offer,
            min_weekly_individual_minutes=edition.min_weekly_individual_minutes,
            min_group_trajectories=edition.min_group_trajectories,
            requires_agreement=edition.requires_agreement,
            requires_portfolio=edition.requires_portfolio,
            requires_partner_confirmation=edition.requires_partner_confirmation,
            exclusions_apply=edition.exclusions_apply,
            open_for_education=edition.open_for_education,
            prep_counts_against_quota=edition.prep_counts_against_quota,
            work_forms={
                wf.work_form: WorkFormRule(
                    work_form=wf.work_form,
                    min_attendees=wf.min_attendees,
                    min_minutes=wf.min_minutes,
                    max_minutes=wf.max_minutes,
                    prep_minutes=wf.prep_minutes,
                    requires_consent=wf.requires_consent,
                )
                for wf in edition.work_forms.all()
            },
        )
