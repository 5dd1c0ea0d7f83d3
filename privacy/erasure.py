"""Anonymising a person's account: on their request (an administrator does it) or, for a
psychologist who left, by the retention task once nothing they own must still be kept.

What goes: the account's name, e-mail and login, its authenticator apps and queued
e-mails, its name in the access log; for a psychologist also the profile (RIZIV and enterprise number, address, IBAN,
BIC, employer, public listing) and the signed agreements they uploaded. What stays:
invoices and credit notes in their legal period (docs/privacy.md), unchanged, with the
registrations they bill; the Erasure record says how many and until when. Once that
period is over, the invoices' copy of the payee's data is emptied too.
"""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from post_office.models import Email

from applications.models import AgreementEvaluation, CooperationAgreement
from billing.models import Invoice
from portal.models import AccessLogEntry, Psychologist, User
from privacy.models import Erasure, ErasureReason

# Invoices are kept this many full years after the year they were issued in (Code of
# Economic Law art. III.86, VAT Code art. 60 §3).
INVOICE_RETENTION_YEARS = 10

PROFILE_TEXTS = (
    "employer",
    "street",
    "postal_code",
    "municipality",
    "iban",
    "bic",
    "enterprise_number",
)
PAYEE_TEXTS = (
    "payee_name",
    "payee_riziv_number",
    "payee_address",
    "payee_iban",
    "payee_bic",
    "payee_enterprise_number",
)


def invoice_kept_until(issue_year: int) -> date:
    """The last day an invoice issued in `issue_year` must be kept."""
    return date(issue_year + INVOICE_RETENTION_YEARS, 12, 31)


def kept_invoices(psychologist: Psychologist | None, today: date):
    """The psychologist's invoices and credit notes still in their legal period."""
    if psychologist is None:
        return Invoice.objects.none()
    return Invoice.objects.filter(
        psychologist=psychologist, issue_date__year__gte=today.year - INVOICE_RETENTION_YEARS
    )


def anonymise(user: User, *, reason: str, actor=None, today: date | None = None) -> Erasure:
    """Anonymise `user` (idempotent: a second call returns the first record)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        existing = Erasure.objects.filter(user=user).first()
        if existing:
            return existing
        psychologist = Psychologist.objects.filter(user=user).first()
        kept = kept_invoices(psychologist, today)
        last_year = kept.aggregate(year=Max("issue_date__year"))["year"]
        erasure = Erasure.objects.create(
            user=user,
            reason=reason,
            done_by=actor,
            kept_invoices=kept.count(),
            kept_until=invoice_kept_until(last_year) if last_year else None,
        )
        _forget_mail(user)
        _forget_names_in_access_log(user, psychologist)
        if psychologist is not None:
            _anonymise_profile(psychologist, keep_files=last_year is not None, today=today)
        _anonymise_account(user)
    return erasure


def _anonymise_account(user: User) -> None:
    user.username = f"gewist-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.networks.clear()
    TOTPDevice.objects.filter(user=user).delete()


def _forget_mail(user: User) -> None:
    """The outbox's copies of e-mails to this address (sent or not: nobody reads them now)."""
    if user.email:
        Email.objects.filter(to__icontains=user.email).delete()


def _forget_names_in_access_log(user: User, psychologist: Psychologist | None) -> None:
    """The log keeps who looked at what for a year, without the erased person's name: the
    entries they made name their account id, those about them lose the label."""
    AccessLogEntry.objects.filter(user=user).update(user_label=f"#{user.pk}")
    if psychologist is not None:
        AccessLogEntry.objects.filter(psychologist=psychologist).update(object_label="")


def _anonymise_profile(psychologist: Psychologist, *, keep_files: bool, today: date) -> None:
    """The profile's personal data; the uploaded agreements go with it unless they back
    invoices still kept (they justify the hours billed)."""
    for name in PROFILE_TEXTS:
        setattr(psychologist, name, "")
    psychologist.riziv_number = f"gewist-{psychologist.pk}"
    psychologist.listed_publicly = False
    psychologist.save()
    psychologist.themes.clear()
    Invoice.objects.filter(psychologist=psychologist).exclude(
        issue_date__year__gte=today.year - INVOICE_RETENTION_YEARS
    ).update(**dict.fromkeys(PAYEE_TEXTS, ""))
    if keep_files:
        return
    for model, owner in (
        (CooperationAgreement, "application__psychologist"),
        (AgreementEvaluation, "agreement__application__psychologist"),
    ):
        for row in model.objects.filter(**{owner: psychologist}).exclude(signed_pdf=""):
            row.signed_pdf.delete(save=False)
            model.objects.filter(pk=row.pk).update(signed_pdf="")


def departed_psychologists(today: date):
    """Psychologists whose account an administrator deactivated, not yet anonymised, with
    nothing left that must be kept: no invoice in its legal period, nothing unbilled."""
    return (
        Psychologist.objects.filter(user__is_active=False, user__erasure__isnull=True)
        .exclude(invoices__issue_date__year__gte=today.year - INVOICE_RETENTION_YEARS)
        .exclude(registrations__is_billed=False)
        .select_related("user")
        .distinct()
    )


def anonymise_departed(today: date | None = None) -> int:
    """The retention task's part: anonymise every psychologist who left and may go."""
    today = today or timezone.localdate()
    count = 0
    for psychologist in departed_psychologists(today):
        anonymise(psychologist.user, reason=ErasureReason.RETENTION, today=today)
        count += 1
    return count
