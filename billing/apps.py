from django.apps import AppConfig
from django.db.models import Q


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from billing.models import Invoice, InvoicePayment
        from portal.data_version import follow

        follow(Invoice)
        # A payment recorded or undone changes the state the psychologist's pages show.
        follow(InvoicePayment, lambda payment: Q(invoices=payment.invoice_id))
