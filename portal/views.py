"""Views every role shares: the home page that sends each user to their own start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from portal.navigation import home_url


@login_required
def home(request):
    url = home_url(request.user)
    if url:
        return redirect(url)
    return render(request, "portal/home.html")
