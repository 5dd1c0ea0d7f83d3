"""The demo data of `make run`, `docker compose up` and the page tests (`manage.py demo`).

The end of the dependency chain: the one app that may import every other, because the
demo goes through the services of all of them; nothing imports it.
"""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
