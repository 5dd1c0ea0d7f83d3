"""Seed the four calls of Oost-Vlaanderen with their quotas and work forms (docs/rules.md).

The French and English names are written once the translation columns exist
(0007_call_translations reads them from CALLS; until then they are left out).
"""

from django.db import migrations

GROUP_FORM = {"min_attendees": 3, "min_minutes": 120, "max_minutes": 240, "prep_minutes": 60}

CALLS = [
    {
        "number": 1,
        "name": "Opstart op en overleg met een vindplaats",
        "name_fr_be": "Démarrage et concertation avec un lieu de rencontre",
        "name_en": "Start-up and consultation with a findplace",
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
        "name_fr_be": "Présence dans un lieu de rencontre axé sur les loisirs et la rencontre",
        "name_en": "Presence at a findplace for leisure and meeting",
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
        "name_fr_be": "Missions de soutien via un partenariat local et structurel",
        "name_en": "Support missions through a local, structural cooperation",
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
        "name_fr_be": "Missions de soutien ad hoc",
        "name_en": "Ad hoc support missions",
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
    columns = {field.name for field in Call._meta.get_fields()}
    for spec in CALLS:
        spec = {key: value for key, value in spec.items() if key in columns | {"work_forms"}}
        work_forms = spec.pop("work_forms")
        call, _ = Call.objects.update_or_create(number=spec.pop("number"), defaults=spec)
        for work_form, rules in work_forms.items():
            CallWorkForm.objects.update_or_create(call=call, work_form=work_form, defaults=rules)


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_initial")]
    operations = [migrations.RunPython(seed_calls, migrations.RunPython.noop)]
