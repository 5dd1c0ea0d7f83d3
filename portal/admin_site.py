"""The Django admin, behind the same second factor as coordinators and network staff.

With REQUIRE_2FA_FOR_STAFF on, an administrator who has not yet passed the second factor
in this session is sent to set it up or enter a code before any admin page.
"""

from django.contrib import admin

from portal.forms import AdminLoginForm
from portal.permissions import needs_second_factor, redirect_to_second_factor


class PortalAdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def second_factor_first(request, *args, **kwargs):
            user = request.user
            if user.is_active and user.is_staff and needs_second_factor(user):
                return redirect_to_second_factor(request)
            return inner(request, *args, **kwargs)

        return second_factor_first
