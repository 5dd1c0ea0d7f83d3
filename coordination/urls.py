from django.urls import path

from coordination.views import (
    activities,
    extra_hours,
    follow_up,
    queue,
    register,
    reopening,
    review,
    uptake,
    uptake_detail,
)

app_name = "coordination"

urlpatterns = [
    path("coordinatie/", queue.queue, name="queue"),
    path("coordinatie/selectie/beslissen/", queue.bulk_decide, name="bulk_decide"),
    path("coordinatie/selectie/resultaat/", queue.bulk_result, name="bulk_result"),
    path("coordinatie/aanvraag/<int:pk>/", review.review, name="review"),
    path("coordinatie/aanvraag/<int:pk>/goedkeuren/", review.approve, name="approve"),
    path("coordinatie/aanvraag/<int:pk>/afwijzen/", review.reject, name="reject"),
    path(
        "coordinatie/aanvraag/<int:pk>/aanpassing-vragen/",
        review.request_changes,
        name="request_changes",
    ),
    path(
        "coordinatie/extra-uren/<int:pk>/",
        extra_hours.extra_hours_review,
        name="extra_hours_review",
    ),
    path(
        "coordinatie/extra-uren/<int:pk>/toekennen/",
        extra_hours.extra_hours_grant,
        name="extra_hours_grant",
    ),
    path(
        "coordinatie/extra-uren/<int:pk>/weigeren/",
        extra_hours.extra_hours_refuse,
        name="extra_hours_refuse",
    ),
    path("coordinatie/opvolging/", follow_up.follow_up, name="follow_up"),
    path("coordinatie/heropende-maanden/", reopening.reopenings, name="reopenings"),
    path("coordinatie/benutting/", uptake.uptake, name="uptake"),
    path("coordinatie/benutting.csv", uptake.uptake_csv, name="uptake_csv"),
    path("coordinatie/benutting/detail/", uptake_detail.uptake_detail, name="uptake_detail"),
    path(
        "coordinatie/benutting/detail.csv",
        uptake_detail.uptake_detail_csv,
        name="uptake_detail_csv",
    ),
    path("coordinatie/benutting-vragen.csv", uptake.funnel_csv, name="funnel_csv"),
    path("register/", register.register, name="register"),
    path("vragen/activiteiten/", activities.network_activities, name="network_activities"),
]
