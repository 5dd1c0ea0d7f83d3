"""What the review page of an application reads besides the engine's verdict: the partner's
answer and the audit trail."""

from applications.models import Application, AuditEntry


def partner_status(application: Application) -> str:
    """'confirmed', 'declined' or 'waiting' (the partner has not answered yet)."""
    return application.partner_answer


def partner_confirmation_missing(application: Application) -> bool:
    """The call needs the partner's confirmation and it is not there (yet): approving then
    needs an explicit, motivated override (admission.partner_refusals)."""
    return application.edition.requires_partner_confirmation and (
        partner_status(application) != "confirmed"
    )


def audit_entries(application: Application):
    """The audit entries of an application, oldest first, with who made them."""
    return AuditEntry.objects.filter(application=application).select_related("actor")
