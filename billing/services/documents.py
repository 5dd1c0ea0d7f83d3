"""What every issued document (invoice or credit note) shares: the carried minutes it starts
from, the parties copied onto it, and the billing flags it sets on its registrations.

Carried minutes are not stored in a table of their own: they are the
`minutes_carried_out` of the psychologist's latest document (invoice or credit note) in
that network, read under the psychologist lock. A psychologist whose pool stays under 60
minutes gets no invoice: their registrations stay unbilled (still editable) and are
pooled again in the next run, so the carry is unchanged.
"""

from datetime import date, timedelta

from django.db.models import Max, Subquery
from django.utils import timezone

from billing import structured_communication
from billing.models import Invoice
from portal.models import Network, Psychologist
from registrations.models import Registration


def carried_minutes(psychologist_id: int, network_id: int) -> int:
    """Minutes carried by the psychologist in the network: from their latest document."""
    return carried_minutes_of([psychologist_id], network_id).get(psychologist_id, 0)


def carried_minutes_of(psychologist_ids, network_id: int) -> dict[int, int]:
    """carried_minutes of several psychologists at once (absent: nothing carried)."""
    latest = (
        Invoice.objects.filter(psychologist_id__in=psychologist_ids, network_id=network_id)
        .order_by()
        .values("psychologist_id")
        .annotate(latest=Max("id"))
        .values("latest")
    )
    return dict(
        Invoice.objects.filter(pk__in=Subquery(latest))
        .order_by()
        .values_list("psychologist_id", "minutes_carried_out")
    )


def parties(network: Network, psychologist: Psychologist) -> dict:
    """Payer and payee as the document records them, copied at issue (it never changes)."""
    address = "\n".join(
        part
        for part in (
            psychologist.street,
            f"{psychologist.postal_code} {psychologist.municipality}".strip(),
        )
        if part
    )
    return {
        "payer_name": network.name,
        "payer_address": network.postal_address,
        "payer_company_number": network.enterprise_number_display,
        "payee_name": psychologist.name,
        "payee_riziv_number": psychologist.riziv_number,
        "payee_address": address,
        "payee_iban": psychologist.iban,
        "payee_bic": psychologist.bic,
        "payee_enterprise_number": psychologist.enterprise_number_display,
    }


def numbering_fields(network: Network, number: str) -> dict:
    """The number of a document and the structured communication that follows from it."""
    return {
        "number": number,
        "structured_communication": structured_communication.for_document(network.pk, number),
    }


def due_date(network: Network, issue_date: date) -> date:
    """When an invoice is to be paid: the network's payment term after its issue date."""
    return issue_date + timedelta(days=network.payment_term_days)


def mark_registrations(registration_ids, count: int, **flags) -> None:
    """Set billing flags on the `count` registrations of `registration_ids` (ids or a
    subquery of them), none of which may have them yet; all or nothing."""
    updated = (
        Registration.objects.filter(pk__in=registration_ids)
        .exclude(**flags)
        .update(**flags, updated_at=timezone.now())
    )
    if updated != count:
        raise RuntimeError("A registration changed while it was being billed.")
