"""Pages of network staff for payments: the invoice list with its payment state and
"Markeer als betaald", marking one invoice paid or undoing it, and a run's SEPA file.

Every lookup goes through `billing.access` (another network's invoice or run is a 404);
the rules are `billing.services.payments` and `billing.sepa`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing import access, sepa
from billing.filters import InvoiceFilter
from billing.payment_forms import BulkPaymentForm, PaidOnForm
from billing.payment_selectors import with_payment_state
from billing.services.payments import mark_paid, mark_paid_bulk, undo_payment
from billing.views import PAGE_SIZE, _invoice_page
from portal import access_log
from portal.models import AccessKind, Role
from portal.paging import page_of_rows
from portal.permissions import role_required

# The refusals of mark_paid that are about the date (the others go above the form).
DATE_REFUSALS = {"paid_on_in_future", "paid_on_before_issue"}


def _invoice_list(request, bulk_form, status=200):
    invoices = with_payment_state(access.invoices_for_staff(request.user), timezone.localdate())
    invoice_filter = InvoiceFilter(request.GET or None, queryset=invoices, user=request.user)
    context = {
        "filter": invoice_filter,
        "page_obj": page_of_rows(invoice_filter.qs, request.GET.get("page"), PAGE_SIZE),
        "bulk_form": bulk_form,
        "selected": bulk_form.selected(),
    }
    return render(request, "billing/invoices.html", context, status=status)


@role_required(Role.NETWORK_STAFF)
def invoices(request):
    return _invoice_list(request, BulkPaymentForm(access.invoices_for_staff(request.user)))


@require_POST
@role_required(Role.NETWORK_STAFF)
def invoices_mark_paid(request):
    """Mark the ticked invoices paid; the page lists what was paid and what was refused."""
    form = BulkPaymentForm(access.invoices_for_staff(request.user), request.POST)
    if not form.is_valid():
        return _invoice_list(request, form, status=422)
    outcome = mark_paid_bulk(
        form.cleaned_data["invoices"], paid_on=form.cleaned_data["paid_on"], actor=request.user
    )
    back_url = reverse("billing:invoices")
    if request.GET:
        back_url += "?" + request.GET.urlencode()
    context = {"outcome": outcome, "paid_on": form.cleaned_data["paid_on"], "back_url": back_url}
    return render(request, "billing/payments_result.html", context)


@require_POST
@role_required(Role.NETWORK_STAFF)
def invoice_mark_paid(request, pk: int):
    invoice = access.get_staff_invoice(request.user, pk)
    form = PaidOnForm(request.POST)
    if form.is_valid():
        try:
            mark_paid(invoice, paid_on=form.cleaned_data["paid_on"], actor=request.user)
        except ValidationError as error:
            for item in error.error_list:
                form.add_error("paid_on" if item.code in DATE_REFUSALS else None, item)
        else:
            messages.success(
                request,
                _("Factuur %(number)s is als betaald gemarkeerd.") % {"number": invoice.number},
            )
            return redirect("billing:invoice_detail", pk=invoice.pk)
    return _invoice_page(request, invoice, payment_form=form, status=422)


@require_POST
@role_required(Role.NETWORK_STAFF)
def invoice_undo_payment(request, pk: int):
    invoice = access.get_staff_invoice(request.user, pk)
    try:
        undo_payment(invoice, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("De betaling van factuur %(number)s is ongedaan gemaakt; ze is weer te betalen.")
            % {"number": invoice.number},
        )
    return redirect("billing:invoice_detail", pk=invoice.pk)


@role_required(Role.NETWORK_STAFF)
def run_sepa(request, pk: int):
    """The run's SEPA credit-transfer file; a refusal goes back to the run with why."""
    run = access.get_run_for_user(request.user, pk)
    try:
        transfer = sepa.credit_transfer(run, timezone.localdate())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("billing:run_detail", pk=run.pk)
    name = sepa.filename(run)
    access_log.record_view(request, AccessKind.SEPA_FILE, obj=run, label=name)
    response = HttpResponse(transfer.xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
