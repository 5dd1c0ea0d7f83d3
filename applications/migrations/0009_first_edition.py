"""Today's four calls become their first edition, valid from 2024-04-01 and shared by the
networks that exist (PAKT, ADS and RADAR in production; a fresh database has none yet and
the demo or `onboard_network` links them); every application and allocation points at it."""

from datetime import date

from django.db import migrations

FIRST_DAY = date(2024, 4, 1)
RULES = (
    "quota_minutes",
    "quota_basis",
    "window_months",
    "start_bonus_minutes",
    "start_bonus_months",
    "exception_quota_minutes",
    "requires_findplace",
    "requires_leisure_findplace",
    "requires_structural_offer",
    "requires_agreement",
    "requires_partner_confirmation",
    "requires_portfolio",
    "min_weekly_individual_minutes",
    "min_group_trajectories",
    "exclusions_apply",
    "open_for_education",
    "prep_counts_against_quota",
    "hours_chosen_by_applicant",
)
WORK_FORM_RULES = (
    "work_form",
    "min_attendees",
    "min_minutes",
    "max_minutes",
    "prep_minutes",
    "requires_consent",
)
# The call whose approved psychologists form the register existing services search.
REGISTER_CALL_NUMBER = 4


def first_editions(apps, schema_editor):
    Call = apps.get_model("applications", "Call")
    CallWorkForm = apps.get_model("applications", "CallWorkForm")
    CallEdition = apps.get_model("applications", "CallEdition")
    EditionWorkForm = apps.get_model("applications", "EditionWorkForm")
    Network = apps.get_model("portal", "Network")
    networks = list(Network.objects.all())
    for call in Call.objects.all():
        edition = CallEdition.objects.create(
            call=call,
            valid_from=FIRST_DAY,
            forms_register=call.number == REGISTER_CALL_NUMBER,
            notes="Eerste editie: de oproepen van Oost-Vlaanderen (pilot tot voorjaar 2026).",
            **{name: getattr(call, name) for name in RULES},
        )
        EditionWorkForm.objects.bulk_create(
            EditionWorkForm(edition=edition, **{name: getattr(wf, name) for name in WORK_FORM_RULES})
            for wf in CallWorkForm.objects.filter(call=call)
        )
        call.code = str(call.number)
        call.save(update_fields=["code"])
        call.networks.set(networks)
        call.applications.update(edition=edition)
        call.allocations.update(edition=edition)


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0008_call_editions"),
    ]

    operations = [migrations.RunPython(first_editions, migrations.RunPython.noop)]
