from django.urls import path

from applications import views

app_name = "applications"
urlpatterns = [
    path("mijn/", views.overview, name="overview"),
    path("aanvragen/", views.calls, name="calls"),
    path("coordinatie/", views.queue, name="queue"),
    path("coordinatie/opvolging/", views.follow_up, name="follow_up"),
    path("coordinatie/benutting/", views.uptake, name="uptake"),
    path("register/", views.register, name="register"),
]
