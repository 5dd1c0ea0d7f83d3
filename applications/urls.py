from django.urls import path

from applications.views import coordinator, psychologist

app_name = "applications"

# Psychologist (KPKO) pages.
urlpatterns = [
    path("mijn/", psychologist.overview, name="overview"),
    path("aanvragen/", psychologist.calls, name="calls"),
]

# Coordinator and existing-service pages.
urlpatterns += [
    path("coordinatie/", coordinator.queue, name="queue"),
    path("coordinatie/opvolging/", coordinator.follow_up, name="follow_up"),
    path("coordinatie/benutting/", coordinator.uptake, name="uptake"),
    path("register/", coordinator.register, name="register"),
]
