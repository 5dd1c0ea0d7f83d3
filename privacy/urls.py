"""The pages of personal data: the privacy statement and a person's own data."""

from django.urls import path

from privacy.views import my_data, statement

app_name = "privacy"

urlpatterns = [
    path("privacy/", statement.statement, name="privacy"),
    path("mijn-gegevens/", my_data.my_data, name="my_data"),
    path("mijn-gegevens/mijn-gegevens.zip", my_data.my_data_zip, name="my_data_zip"),
]
