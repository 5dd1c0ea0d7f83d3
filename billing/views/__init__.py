"""Pages of network staff (runs, invoices, exports, credit notes) and of psychologists (own invoices).

The invoice list and the payment pages are in `payments`.

Every lookup goes through `billing.access`: an id outside the user's networks (or, for a
psychologist, not their own invoice) is a 404.
"""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing import access, exports, payment_selectors, pdf, selectors
from billing.forms import CreditNoteForm, RateForm, StartRunForm
from billing.models import Rate, RunStatus
from billing.payment_forms import PaidOnForm
from billing.readiness_selectors import not_ready_by_network
from billing.services.credit_notes import issue_credit_note
from billing.services.rates import add_rate, delete_rate, rate_refusal
from billing.services.run_zips import request_run_zip
from billing.services.runs import request_run
from portal import access as network_access
from portal import access_log
from portal.csv_export import csv_response
from portal.models import AccessKind, Role
from portal.permissions import followed_networks, role_required

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@role_required(Role.NETWORK_STAFF)
def runs(request):
    form = StartRunForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run, outcome = request_run(
                form.cleaned_data["network"], form.cleaned_data["month"], actor=request.user
            )
        except ValidationError as error:
            form.add_error("month", error)
        else:
            _report_run_request(request, run, outcome)
            # The run's own page follows its progress.
            return redirect("billing:run_detail", pk=run.pk)
    page = _page(request, selectors.with_failure_counts(access.runs_visible_to(request.user)))
    context = {
        "form": form,
        "page_obj": page,
        "polling": any(run.status in (RunStatus.QUEUED, RunStatus.RUNNING) for run in page),
    }
    if request.headers.get("HX-Request"):
        return render(request, "billing/_runs_table.html", context)
    # Before a run is started: who with billable registrations may not be billed yet.
    context["readiness"] = not_ready_by_network(form.fields["network"].queryset)
    return render(request, "billing/runs.html", context, status=422 if form.errors else 200)


def _report_run_request(request, run, outcome) -> None:
    if outcome is None:
        messages.info(request, _("Deze periode is al gefactureerd; er verandert niets."))
    elif outcome.sent is False:
        messages.warning(
            request,
            _(
                "De facturatierun staat in de wachtrij, maar de achtergrondverwerking is nu "
                "niet bereikbaar. De run start vanzelf zodra ze weer beschikbaar is; u hoeft "
                "niets opnieuw te starten."
            ),
        )
    elif run.retrying:
        messages.success(
            request, _("De psychologen die nog niet gefactureerd waren, worden opnieuw geprobeerd.")
        )
    else:
        messages.success(request, _("De facturatierun is gestart."))


@role_required(Role.NETWORK_STAFF)
def run_detail(request, pk: int):
    run = access.get_run_for_user(request.user, pk)
    return render(
        request,
        "billing/run_detail.html",
        {
            "run": run,
            "invoices": _page(request, selectors.run_invoices(run)),
            "failures": selectors.run_failures(run),
            "events": run.events.all(),
            "zip": selectors.run_zip_state(run),
        },
    )


@role_required(Role.NETWORK_STAFF)
def run_csv(request, pk: int):
    run = access.get_run_for_user(request.user, pk)
    name = exports.filename(run)
    access_log.record_view(request, AccessKind.RUN_CSV, obj=run, label=name)
    return csv_response(exports.run_csv(run), name)


@role_required(Role.NETWORK_STAFF)
def run_zip(request, pk: int):
    """Download the run's ZIP of PDFs, once it is ready and current."""
    run = access.get_run_for_user(request.user, pk)
    if not selectors.run_zip_state(run).current:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / run.zip_path
    access_log.record_view(request, AccessKind.RUN_ZIP, obj=run, label=path.name)
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@role_required(Role.NETWORK_STAFF)
def run_zip_status(request, pk: int):
    """The ZIP part of the run page, which htmx fetches every 2 s while it is being built."""
    run = access.get_run_for_user(request.user, pk)
    return render(
        request, "billing/_run_zip.html", {"run": run, "zip": selectors.run_zip_state(run)}
    )


@require_POST
@role_required(Role.NETWORK_STAFF)
def run_zip_build(request, pk: int):
    run = access.get_run_for_user(request.user, pk)
    try:
        run, outcome = request_run_zip(run)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("billing:run_detail", pk=run.pk)
    if outcome is None:
        messages.info(
            request,
            _("Het ZIP-bestand wordt al gemaakt of is klaar; u hoeft het niet opnieuw te vragen."),
        )
    elif outcome.sent is False:
        messages.warning(
            request,
            _(
                "Het ZIP-bestand staat in de wachtrij, maar de achtergrondverwerking is nu niet "
                "bereikbaar. Het wordt vanzelf gemaakt zodra ze weer beschikbaar is; u hoeft "
                "het niet opnieuw te vragen."
            ),
        )
    else:
        messages.success(
            request, _("Het ZIP-bestand wordt gemaakt. Deze pagina toont hoe ver het staat.")
        )
    return redirect("billing:run_detail", pk=run.pk)


def _invoice_page(request, invoice, form=None, status=200, payment_form=None):
    items = selectors.creditable_items(invoice)
    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "form": form or (CreditNoteForm(items) if items else None),
            # The payment section (billing/views/payments.py posts its form).
            **payment_selectors.payment_panel(invoice, timezone.localdate()),
            "payment_form": payment_form or PaidOnForm(),
        },
        status=status,
    )


@role_required(Role.NETWORK_STAFF)
def invoice_detail(request, pk: int):
    invoice = access.get_staff_invoice(request.user, pk)
    _record_invoice_view(request, AccessKind.INVOICE, invoice)
    return _invoice_page(request, invoice)


def _record_invoice_view(request, kind, invoice) -> None:
    access_log.record_view(
        request, kind, obj=invoice, psychologist=invoice.psychologist, label=invoice.number
    )


@require_POST
@role_required(Role.NETWORK_STAFF)
def invoice_credit(request, pk: int):
    invoice = access.get_staff_invoice(request.user, pk)
    form = CreditNoteForm(selectors.creditable_items(invoice), request.POST)
    if form.is_valid():
        try:
            note = issue_credit_note(
                form.cleaned_data["item"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Creditnota %(number)s is aangemaakt.") % {"number": note.number}
            )
            return redirect("billing:invoice_detail", pk=note.pk)
    return _invoice_page(request, invoice, form, status=422)


@role_required(Role.NETWORK_STAFF, Role.PSYCHOLOGIST)
def invoice_pdf(request, pk: int):
    invoice = access.get_invoice_for_user(request.user, pk)
    _record_invoice_view(request, AccessKind.INVOICE_PDF, invoice)
    response = HttpResponse(pdf.invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(invoice)}"'
    return response


@role_required(Role.PSYCHOLOGIST)
def my_invoices(request):
    invoices = access.invoices_of_psychologist(request.user)
    page = _page(request, payment_selectors.with_payment_state(invoices, timezone.localdate()))
    return render(request, "billing/my_invoices.html", {"page_obj": page})


@role_required(Role.NETWORK_STAFF)
def rates(request):
    """The shared rates (an administrator adds them) and the rate of each network followed."""
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_rate(
                form.cleaned_data["effective_from"],
                form.cleaned_data["hourly_rate"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("Het gedeelde tarief is toegevoegd."))
            return redirect("billing:rates")
    today = timezone.localdate()
    followed = list(followed_networks(request.user, Role.NETWORK_STAFF))
    in_force = Rate.objects.in_force_for(today, followed)
    networks = [(network, in_force[network.pk]) for network in followed]
    context = {
        "form": form,
        "rates": Rate.objects.applicable_to(None),
        "networks": networks,
        "changes": selectors.rate_changes(None),
    }
    return render(request, "billing/rates.html", context, status=422 if form.errors else 200)


@role_required(Role.NETWORK_STAFF)
def network_rates(request, pk: int):
    """The rates of one network followed: its own and the shared ones, and adding its own."""
    network = network_access.get_network_for_staff(request.user, pk)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_rate(
                form.cleaned_data["effective_from"],
                form.cleaned_data["hourly_rate"],
                network,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("Het tarief van het netwerk is toegevoegd."))
            return redirect("billing:network_rates", pk=network.pk)
    return _network_rates_page(request, network, form)


def _network_rates_page(request, network, form, status=None):
    rows = selectors.rates_for_network(network)
    context = {
        "network": network,
        "form": form,
        "rows": rows,
        "deletable": {
            row.rate.pk
            for row in rows
            if row.own and not rate_refusal(row.rate.effective_from, network)
        },
        "in_force": Rate.objects.in_force_on(timezone.localdate(), network),
        "changes": selectors.rate_changes(network),
    }
    status = status or (422 if form.errors else 200)
    return render(request, "billing/network_rates.html", context, status=status)


@require_POST
@role_required(Role.NETWORK_STAFF)
def network_rate_delete(request, pk: int, rate_pk: int):
    rate = access.get_network_rate_for_staff(request.user, pk, rate_pk)
    network = rate.network
    try:
        delete_rate(rate, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _network_rates_page(request, network, RateForm(), status=422)
    messages.success(request, _("Het tarief is verwijderd."))
    return redirect("billing:network_rates", pk=network.pk)
