from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile, name="profile"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("applications.urls")),
    path("registraties/", include("registrations.urls")),
    path("facturatie/", include("billing.urls")),
]
