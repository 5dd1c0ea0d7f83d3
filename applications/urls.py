from django.urls import path

from applications.views import editions, evaluations, files, psychologist

app_name = "applications"

# Psychologist (KPKO) pages and the network staff's call pages; the coordinator pages are
# in coordination.urls.
urlpatterns = [
    path("mijn/", psychologist.overview, name="overview"),
    path("aanvragen/", psychologist.calls, name="calls"),
    path("aanvragen/oproep/<slug:code>/", psychologist.apply, name="apply"),
    path("aanvragen/oproep/<slug:code>/controle/", psychologist.apply_check, name="apply_check"),
    path("aanvragen/vindplaatsen/", psychologist.findplace_search, name="findplace_search"),
    path("aanvragen/<int:pk>/overeenkomst.pdf", psychologist.agreement_pdf, name="agreement_pdf"),
    path("aanvragen/<int:pk>/dossier.pdf", files.application_file, name="application_file"),
    path(
        "aanvragen/<int:application_pk>/overeenkomst/evaluaties/",
        evaluations.agreement_evaluations,
        name="agreement_evaluations",
    ),
    path("mijn/aanvragen/<int:pk>/", psychologist.application_detail, name="application_detail"),
    path(
        "mijn/aanvragen/<int:pk>/bewerken/",
        psychologist.application_edit,
        name="application_edit",
    ),
    path(
        "mijn/aanvragen/<int:pk>/intrekken/",
        psychologist.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "mijn/aanvragen/<int:pk>/verwijderen/",
        psychologist.application_delete,
        name="application_delete",
    ),
    path("mijn/toekenningen/<int:pk>/", psychologist.allocation_detail, name="allocation_detail"),
    path("mijn/toekenningen/<int:pk>/extra-uren/", psychologist.extra_hours, name="extra_hours"),
    path("partner/<str:token>/", psychologist.partner_confirmation, name="partner"),
    path("netwerken/<int:network_pk>/oproepen/", editions.call_list, name="call_list"),
    path("netwerken/<int:network_pk>/oproepen/nieuw/", editions.call_new, name="call_new"),
    path(
        "netwerken/<int:network_pk>/oproepen/<int:call_pk>/nieuwe-editie/",
        editions.edition_new,
        name="edition_new",
    ),
    path(
        "netwerken/<int:network_pk>/edities/<int:pk>/",
        editions.edition_detail,
        name="edition_detail",
    ),
]
