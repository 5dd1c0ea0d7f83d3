"""The model backend, loading the psychologist profile with the signed-in user.

Every psychologist page needs the profile; loading it in the user's query saves a query on
each of their requests. (Roles stay one query of their own: annotating them onto the user
query measured slower, benchmarks/README.md.) With a shared cache the user, roles and
networks are read from it instead (portal.user_cache), and the profile on first use.
"""

from django.contrib.auth.backends import ModelBackend

from portal import user_cache
from portal.models import User


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        if user_cache.enabled():
            user = user_cache.get(user_id) or user_cache.load(user_id)
        else:
            user = User.objects.select_related("psychologist").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
