"""The demand side's pages: the public offer and request form, the inbox of the networks,
the psychologist's proposals."""

from django.urls import path

from demand.views import feedback, inbox, intake, offer, proposals

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
    path("vragen/", inbox.inbox, name="inbox"),
    path("vragen/<int:pk>/", inbox.request_detail, name="request_detail"),
    path("vragen/<int:pk>/zoeken/", inbox.search, name="search"),
    path("vragen/<int:pk>/in-behandeling/", inbox.take_in_triage, name="take_in_triage"),
    path("vragen/<int:pk>/notitie/", inbox.add_note, name="add_note"),
    path("vragen/<int:pk>/anders-beantwoord/", inbox.answer_otherwise, name="answer_otherwise"),
    path("vragen/<int:pk>/niet-in-aanmerking/", inbox.close_not_eligible, name="not_eligible"),
    path("vragen/<int:pk>/voorstellen/", inbox.propose, name="propose"),
    path("voorstellen/", proposals.proposal_list, name="proposals"),
    path("voorstellen/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("voorstellen/<int:pk>/aanvaarden/", proposals.proposal_accept, name="proposal_accept"),
    path("voorstellen/<int:pk>/afwijzen/", proposals.proposal_decline, name="proposal_decline"),
]
