"""The psychologists a batch of a run skips because something is missing before the network
may bill them (`billing.readiness`), and what the run records and tells them.

* **Decision — skip, record, tell**: a psychologist without enterprise number, address,
  IBAN or accepted self-billing terms gets no invoice; the run records them as not billed
  (`FailureReason.INCOMPLETE`, with what is missing in plain Dutch words as the detail),
  bills everybody else and ends done. Starting the run again after they completed it
  bills them (`runs.request_run`, the `retrying` of a done run with failures).
* **One e-mail per run**: the psychologist is e-mailed what to fill in and where when the
  run first records them as incomplete; a retry that finds them still incomplete writes
  no second e-mail. The message goes to the outbox in the batch's transaction, so a
  batch that rolls back sends nothing.

Called inside the batch transaction of `batches.bill_psychologists`, with the psychologist
rows locked.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from billing.models import BillingRun, BillingRunFailure, FailureReason
from billing.readiness import ON_PROFILE, Missing, describe
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from portal.links import site_url
from portal.models import Psychologist
from portal.notifications import notify


def settle_failures(
    run: BillingRun,
    psychologists: dict[int, Psychologist],
    incomplete: dict[int, tuple[Missing, ...]],
) -> None:
    """After a batch: of `psychologists`, the run's failures are exactly the `incomplete`
    ones (the others were billed or had nothing to bill); the newly incomplete are e-mailed."""
    failures = run.failures.filter(psychologist_id__in=list(psychologists))
    previous = dict(failures.values_list("psychologist_id", "reason"))
    failures.delete()
    now = timezone.now()
    BillingRunFailure.objects.bulk_create(
        BillingRunFailure(
            run=run,
            psychologist_id=pk,
            reason=FailureReason.INCOMPLETE,
            detail=detail(missing),
            failed_at=now,
        )
        for pk, missing in incomplete.items()
    )
    for pk, missing in incomplete.items():
        if previous.get(pk) != FailureReason.INCOMPLETE:
            notify_incomplete(run, psychologists[pk], missing)


def detail(missing) -> str:
    """What is missing, in the source language (the run page shows it translated live)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Ontbreekt: %(missing)s.") % {"missing": describe(missing)}


def notify_incomplete(run: BillingRun, psychologist: Psychologist, missing) -> None:
    notify(
        psychologist.user,
        "billing_incomplete",
        {
            "psychologist": psychologist,
            "network": run.network,
            "run": run,
            "on_profile": [item for item in missing if item in ON_PROFILE],
            "terms": Missing.SELF_BILLING in missing,
            "version": SELF_BILLING_TERMS_VERSION,
            "profile_path": site_url(reverse("profile")),
            "self_billing_path": site_url(reverse("billing:self_billing")),
        },
    )
