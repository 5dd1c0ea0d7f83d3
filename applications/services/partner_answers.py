"""The partner's answer to the e-mailed link: confirm or decline the cooperation.

The link (applications.partner) is the partner's only key; the answer is given once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import notices
from applications.models import Application, ApplicationStatus, AuditAction
from applications.services.common import audit, status_error
from portal.links import absolute
from portal.notifications import tell


def record_partner_answer(
    application: Application, *, accept: bool, absolute_url: notices.AbsoluteUrl | None = None
) -> Application:
    """The partner confirms or declines the cooperation (from the signed e-mail link).

    The psychologist and the network's coordinators are told, with a link to their page
    (`absolute_url`: the view's request.build_absolute_uri)."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "psychologist__user")
            .get(pk=application.pk)
        )
        if application.partner_confirmed_at or application.partner_declined_at:
            raise ValidationError(
                _("Op deze vraag werd al geantwoord. Er is niets meer te doen."),
                code="partner_already_answered",
            )
        if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            raise status_error(application)
        now = timezone.now()
        if accept:
            application.partner_confirmed_at = now
        else:
            application.partner_declined_at = now
        application.save(update_fields=["partner_confirmed_at", "partner_declined_at"])
        action = AuditAction.PARTNER_CONFIRMED if accept else AuditAction.PARTNER_DECLINED
        audit(application, None, action, "", application.partner_email)
        path = reverse("applications:application_detail", args=[application.pk])
        tell(
            application.psychologist.user,
            "partner_answered",
            {"application": application, "accepted": accept, "link": absolute(path, absolute_url)},
        )
        notices.partner_answered(application, absolute_url, accepted=accept)
    return application
