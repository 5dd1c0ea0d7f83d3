"""The demand side's pages: the public offer and request form, the inbox of the networks."""

app_name = "demand"

urlpatterns: list = []
