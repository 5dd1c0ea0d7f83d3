"""The demand side's pages: the public offer and request form, the inbox of the networks."""

from django.urls import path

from demand.views import offer

app_name = "demand"

urlpatterns = [
    path("aanbod/", offer.offer, name="offer"),
    path("aanbod/<slug:code>/", offer.offer_network, name="offer_network"),
]
