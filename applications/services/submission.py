"""Submitting an application to the local coordinator, and withdrawing it.

There is one way in: the psychologist's form, the demo and the tests all call
`submit_application`, so the tests prove the path users take, partner e-mail included.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import notices, partner
from applications.models import Allocation, Application, ApplicationStatus
from applications.selectors import submission_refusals
from applications.services.common import (
    EDITABLE,
    lock_quota_owner,
    locked_application,
    raise_if_refused,
    set_status,
    status_error,
)
from applications.services.drafts import stored_text_refusals
from applications.services.editions import edition_for


def submit_application(
    application: Application, *, actor, absolute_url: Callable[[str], str]
) -> Application:
    """Send a draft (or a revised application) to the local coordinator.

    Where the call asks the partner's confirmation, the partner's e-mail address is
    required and the partner gets a link to confirm (unless they confirmed already).
    Refused when the engine refuses it, when it lacks what the call asks (portfolio,
    agreement), or when it would compete with an open application or a full quota
    (admission.py). The quota owner is locked, so two submits on one quota are serialised.
    `absolute_url` turns a path into a full URL for the e-mailed links (a view passes
    `request.build_absolute_uri`); the network's coordinators are told (applications.notices).
    """
    with transaction.atomic():
        application = locked_application(application.pk)
        if application.status not in EDITABLE:
            raise status_error(application)
        raise_if_refused(stored_text_refusals(application))
        # The edition in force on the start date now (one may have been scheduled since).
        application.edition = edition_for(application.call, application.start_date)
        confirming = application.edition.requires_partner_confirmation
        if confirming and not application.partner_email:
            raise ValidationError(
                _(
                    "Deze oproep vraagt een bevestiging door de partner. Vul het e-mailadres van "
                    "de partner in."
                ),
                code="partner_email_required",
            )
        lock_quota_owner(application)
        raise_if_refused(submission_refusals(application))
        resubmitted = application.status == ApplicationStatus.CHANGES_REQUESTED
        asking_partner = confirming and application.partner_confirmed_at is None
        if asking_partner:
            application.partner_declined_at = None
        application.submitted_at = timezone.now()
        set_status(application, actor, ApplicationStatus.SUBMITTED)
        if asking_partner:
            partner.request_confirmation(application, absolute_url)
        notices.application_submitted(application, absolute_url, resubmitted=resubmitted)
    return application


def withdraw_application(application: Application, *, actor) -> Application:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            raise status_error(application)
        set_status(application, actor, ApplicationStatus.WITHDRAWN)
        # No signal from update(); saving the application above raised the data version.
        Allocation.objects.filter(application=application).update(is_active=False)
    return application
