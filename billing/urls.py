from django.urls import path

from billing import views
from billing.views import payments, self_billing

app_name = "billing"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/csv/", views.run_csv, name="run_csv"),
    path("runs/<int:pk>/zip/", views.run_zip, name="run_zip"),
    path("runs/<int:pk>/zip/maken/", views.run_zip_build, name="run_zip_build"),
    path("runs/<int:pk>/zip/status/", views.run_zip_status, name="run_zip_status"),
    path("runs/<int:pk>/sepa/", payments.run_sepa, name="run_sepa"),
    path("facturen/", payments.invoices, name="invoices"),
    path("facturen/betaald/", payments.invoices_mark_paid, name="invoices_mark_paid"),
    path("facturen/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("facturen/<int:pk>/crediteren/", views.invoice_credit, name="invoice_credit"),
    path("facturen/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("facturen/<int:pk>/betaald/", payments.invoice_mark_paid, name="invoice_mark_paid"),
    path(
        "facturen/<int:pk>/betaling-ongedaan/",
        payments.invoice_undo_payment,
        name="invoice_undo_payment",
    ),
    path("tarieven/", views.rates, name="rates"),
    path("tarieven/netwerk/<int:pk>/", views.network_rates, name="network_rates"),
    path(
        "tarieven/netwerk/<int:pk>/<int:rate_pk>/verwijderen/",
        views.network_rate_delete,
        name="network_rate_delete",
    ),
    path("mijn-facturen/", views.my_invoices, name="my_invoices"),
    path("autofacturatie/", self_billing.self_billing, name="self_billing"),
    path(
        "autofacturatie/<int:pk>/aanvaarden/",
        self_billing.self_billing_accept,
        name="self_billing_accept",
    ),
]
