"""The demand side's pages: the public offer and request form, the inbox of the networks,
the psychologist's proposals."""

from django.urls import path

from demand.views import proposals

app_name = "demand"

urlpatterns = [
    path("voorstellen/", proposals.proposal_list, name="proposals"),
    path("voorstellen/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("voorstellen/<int:pk>/aanvaarden/", proposals.proposal_accept, name="proposal_accept"),
    path("voorstellen/<int:pk>/afwijzen/", proposals.proposal_decline, name="proposal_decline"),
]
