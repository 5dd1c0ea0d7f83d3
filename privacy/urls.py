"""The pages of personal data: the privacy statement and a person's own data."""

app_name = "privacy"

urlpatterns = []
