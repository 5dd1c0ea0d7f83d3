"""Who may see which billing run, invoice and rate.

Network staff see the runs, invoices and own rates of the networks they follow
(portal.permissions.network_scope); a psychologist sees only the invoices addressed to
them, and the self-billing terms of their own networks. Every list and detail page goes through these helpers, so an id outside the user's
scope is simply not found (404).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from applications.models import Allocation
from billing.models import BillingRun, Invoice, Rate
from billing.selectors import with_details
from portal.models import Network, Psychologist, Role
from portal.permissions import network_scope


def runs_visible_to(user) -> QuerySet[BillingRun]:
    """The runs of the networks the staff member follows."""
    return BillingRun.objects.filter(network_scope(user, Role.NETWORK_STAFF)).select_related(
        "network", "started_by"
    )


def get_run_for_user(user, pk) -> BillingRun:
    return get_object_or_404(runs_visible_to(user), pk=pk)


def invoices_for_staff(user) -> QuerySet[Invoice]:
    """The invoices of the networks the staff member follows."""
    return Invoice.objects.select_related(
        "network", "psychologist__user", "credited_invoice"
    ).filter(network_scope(user, Role.NETWORK_STAFF))


def get_staff_invoice(user, pk) -> Invoice:
    """One invoice of the staff member's networks, with its details (else 404)."""
    return get_object_or_404(with_details(invoices_for_staff(user)), pk=pk)


def invoices_of_psychologist(user) -> QuerySet[Invoice]:
    """The invoices addressed to the signed-in psychologist."""
    return Invoice.objects.select_related("network", "credited_invoice").filter(
        psychologist__user=user
    )


def invoices_visible_to(user) -> QuerySet[Invoice]:
    """Staff of the invoice's network, or the psychologist it is addressed to."""
    invoices = Invoice.objects.select_related("network", "psychologist__user")
    if user.is_superuser:
        return invoices
    rule = network_scope(user, Role.NETWORK_STAFF)
    if user.has_role(Role.PSYCHOLOGIST):
        rule |= Q(psychologist__user=user)
    return invoices.filter(rule)


def get_invoice_for_user(user, pk) -> Invoice:
    """One invoice the user may open (staff or addressee), with its details (else 404)."""
    return get_object_or_404(with_details(invoices_visible_to(user)), pk=pk)


def get_network_rate_for_staff(user, network_pk, pk) -> Rate:
    """One own rate of `network_pk`, a network the staff member follows (else 404)."""
    rates = Rate.objects.select_related("network").filter(
        network_scope(user, Role.NETWORK_STAFF), network_id=network_pk
    )
    return get_object_or_404(rates, pk=pk)


def self_billing_networks(psychologist: Psychologist) -> QuerySet[Network]:
    """The networks whose self-billing terms the psychologist reads and accepts: those of
    their convention, and any other that granted them hours (it bills them too)."""
    # Two subqueries, not an OR over two joins: that join read every allocation of every
    # network the psychologist is in (1.1 s for /profiel/ with three years of history).
    granted = Allocation.objects.filter(psychologist=psychologist).values("network_id")
    return Network.objects.filter(
        Q(pk__in=psychologist.networks.values("pk")) | Q(pk__in=granted)
    ).order_by("name")


def get_self_billing_network(psychologist: Psychologist, pk) -> Network:
    """One network of `self_billing_networks` (else 404: another network's id)."""
    return get_object_or_404(self_billing_networks(psychologist), pk=pk)


def is_staff_of_invoice_network(user, invoice: Invoice) -> bool:
    """Whether the user is staff of the invoice's network: who may record or undo its
    payment (the same rule as `invoices_for_staff`, so a page and a service agree)."""
    return invoices_for_staff(user).filter(pk=invoice.pk).exists()
