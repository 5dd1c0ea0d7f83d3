"""The pages of personal data: the privacy statement and a person's own data."""

from django.urls import path

from privacy.views import statement

app_name = "privacy"

urlpatterns = [
    path("privacy/", statement.statement, name="privacy"),
]
