"""The published offer (aanbod): public pages for first-line actors, no login (read
through the shared cache: demand.offer_cache)."""

from django.shortcuts import render
from django.utils import timezone

from demand import presentation
from demand.offer_cache import ALL_NETWORKS, cached
from demand.selectors.offer import get_network, network_offer, offered_networks


def offer(request):
    """Every network, the postcodes it covers, and the way to its offer."""
    networks = cached(ALL_NETWORKS, lambda: list(offered_networks(timezone.localdate())))
    return render(request, "demand/offer.html", {"networks": networks})


def offer_network(request, code: str):
    """One network's offer: the calls, themes, listed psychologists, existing services and
    where the offer is, per municipality."""
    network = get_network(code)
    published = cached(network.pk, lambda: network_offer(network, timezone.localdate()))
    calls = [
        {"call": call, "work_forms": presentation.work_forms(call.work_forms)}
        for call in published.calls
    ]
    return render(
        request,
        "demand/offer_network.html",
        {
            "offer": published,
            "network": published.network,
            "calls": calls,
            "chart": presentation.municipality_chart(published.municipalities),
        },
    )
