"""The demand side's pages: the public offer and request form, the inbox of the networks."""

from django.urls import path

from demand.views import feedback, intake, offer

app_name = "demand"

urlpatterns = [
    path("aanbod/", offer.offer, name="offer"),
    path("aanbod/<slug:code>/", offer.offer_network, name="offer_network"),
    path("vraag/", intake.request_form, name="request_form"),
    path("vraag/controle/", intake.request_check, name="request_check"),
    path("vraag/verstuurd/", intake.request_sent, name="request_sent"),
    path("vraag/bevestig/<str:token>/", intake.confirm, name="confirm"),
    path("vraag/volg/<str:token>/", intake.follow, name="follow"),
    path("vraag/feedback/<str:token>/", feedback.feedback_page, name="feedback"),
    path("vragen/nieuw/", intake.on_behalf, name="on_behalf"),
    path("vragen/nieuw/bewaard/", intake.on_behalf_saved, name="on_behalf_saved"),
]
