"""The coordinator and existing-service read side: queue, review, follow-up, uptake, register.

Pages and read queries only; every rule and every write stays in applications (engine,
services). Nothing imports this app but portal/urls.py and the settings.
"""
