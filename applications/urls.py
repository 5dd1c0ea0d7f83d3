from django.urls import path

from applications.views import coordinator, psychologist

app_name = "applications"

# Psychologist (KPKO) pages.
urlpatterns = [
    path("mijn/", psychologist.overview, name="overview"),
    path("aanvragen/", psychologist.calls, name="calls"),
    path("aanvragen/oproep/<int:number>/", psychologist.apply, name="apply"),
    path("aanvragen/oproep/<int:number>/controle/", psychologist.apply_check, name="apply_check"),
    path("aanvragen/vindplaatsen/", psychologist.findplace_search, name="findplace_search"),
    path("aanvragen/<int:pk>/overeenkomst.pdf", psychologist.agreement_pdf, name="agreement_pdf"),
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
]

# Coordinator and existing-service pages.
urlpatterns += [
    path("coordinatie/", coordinator.queue, name="queue"),
    path("coordinatie/aanvraag/<int:pk>/", coordinator.review, name="review"),
    path("coordinatie/aanvraag/<int:pk>/goedkeuren/", coordinator.approve, name="approve"),
    path("coordinatie/aanvraag/<int:pk>/afwijzen/", coordinator.reject, name="reject"),
    path(
        "coordinatie/aanvraag/<int:pk>/aanpassing-vragen/",
        coordinator.request_changes,
        name="request_changes",
    ),
    path(
        "coordinatie/extra-uren/<int:pk>/",
        coordinator.extra_hours_review,
        name="extra_hours_review",
    ),
    path(
        "coordinatie/extra-uren/<int:pk>/toekennen/",
        coordinator.extra_hours_grant,
        name="extra_hours_grant",
    ),
    path(
        "coordinatie/extra-uren/<int:pk>/weigeren/",
        coordinator.extra_hours_refuse,
        name="extra_hours_refuse",
    ),
    path("coordinatie/opvolging/", coordinator.follow_up, name="follow_up"),
    path("coordinatie/benutting/", coordinator.uptake, name="uptake"),
    path("coordinatie/benutting.csv", coordinator.uptake_csv, name="uptake_csv"),
    path("register/", coordinator.register, name="register"),
]
