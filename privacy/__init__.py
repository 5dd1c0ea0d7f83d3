"""Personal data as the GDPR asks (docs/privacy.md): the privacy page, what is kept for how
long (the retention task), and each person's rights (their data as a ZIP, erasure).

It sits on top of every other app, because a person's data is spread over all of them.
"""
