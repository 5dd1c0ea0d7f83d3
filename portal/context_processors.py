"""Template context every page needs: the navigation of the signed-in user."""

from portal.navigation import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_items(user, request.path)}
