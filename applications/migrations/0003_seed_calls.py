"""Seed the four calls of Oost-Vlaanderen with their quotas and work forms (docs/rules.md)."""

from django.db import migrations

GROUP_FORM = {"min_attendees": 3, "min_minutes": 120, "max_minutes": 240, "prep_minutes": 60}

CALLS = [
    {
        "number": 1,
        "name": "Opstart op en overleg met een vindplaats",
        "quota_minutes": 240,
        "quota_basis": "psychologist_findplace",
        "start_bonus_minutes": 120,
        "start_bonus_months": 6,
        "requires_findplace": True,
        "requires_structural_offer": True,
        "requires_partner_confirmation": True,
        "work_forms": {"consultation": {}},
    },
    {
        "number": 2,
        "name": "Presentie op een vindplaats gericht op vrije tijd en ontmoeting",
        "quota_minutes": 48 * 60,
        "quota_basis": "findplace",
        "exception_quota_minutes": 96 * 60,
        "requires_findplace": True,
        "requires_leisure_findplace": True,
        "requires_partner_confirmation": True,
        "min_weekly_individual_minutes": 240,
        "min_group_trajectories": 3,
        "hours_chosen_by_applicant": True,
        "work_forms": {"presence": {}},
    },
    {
        "number": 3,
        "name": "Ondersteunende opdrachten via een lokaal, structureel samenwerkingsverband",
        "quota_minutes": 48 * 60,
        "quota_basis": "agreement",
        "requires_agreement": True,
        "requires_partner_confirmation": True,
        "requires_portfolio": True,
        "exclusions_apply": True,
        "work_forms": {
            "advice": {},
            "orientation": {},
            "co_consult": {"requires_consent": True},
            "case_intervision": {"min_attendees": 3},
            "theme_intervision": GROUP_FORM,
            "workshop": GROUP_FORM,
        },
    },
    {
        "number": 4,
        "name": "Ad hoc ondersteunende opdrachten",
        "quota_minutes": 10 * 60,
        "quota_basis": "psychologist",
        "requires_portfolio": True,
        "exclusions_apply": True,
        "work_forms": {"theme_intervision": GROUP_FORM, "workshop": GROUP_FORM},
    },
]


def seed_calls(apps, schema_editor):
    Call = apps.get_model("applications", "Call")
    CallWorkForm = apps.get_model("applications", "CallWorkForm")
    for spec in CALLS:
        spec = dict(spec)
        work_forms = spec.pop("work_forms")
        call, _ = Call.objects.update_or_create(number=spec.pop("number"), defaults=spec)
        for work_form, rules in work_forms.items():
            CallWorkForm.objects.update_or_create(call=call, work_form=work_form, defaults=rules)


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_initial")]
    operations = [migrations.RunPython(seed_calls, migrations.RunPython.noop)]
