from django.contrib import admin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.urls import include, path

from portal import network_views, two_factor, views
from portal.forms import LoginForm, ResetPasswordForm

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile, name="profile"),
    path("meldingen/", views.notification_settings, name="notification_settings"),
    path(
        "psychologen/suggesties/",
        views.psychologist_suggestions,
        name="psychologist_suggestions",
    ),
    path("netwerken/", network_views.network_list, name="network_list"),
    path("netwerken/<int:pk>/", network_views.network_settings, name="network_settings"),
    path(
        "netwerken/<int:pk>/werkingen/nieuw/",
        network_views.existing_service_add,
        name="existing_service_add",
    ),
    path(
        "netwerken/<int:pk>/werkingen/<int:service_pk>/",
        network_views.existing_service_edit,
        name="existing_service_edit",
    ),
    path(
        "netwerken/<int:pk>/werkingen/<int:service_pk>/verwijderen/",
        network_views.existing_service_delete,
        name="existing_service_delete",
    ),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("tweestapsverificatie/", two_factor.verify, name="two_factor_verify"),
    path("tweestapsverificatie/instellen/", two_factor.setup, name="two_factor_setup"),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=ResetPasswordForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("applications.urls")),
    path("", include("coordination.urls")),
    path("registraties/", include("registrations.urls")),
    path("facturatie/", include("billing.urls")),
    path("", include("demand.urls")),
    path("", include("privacy.urls")),
]
