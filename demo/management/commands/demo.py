"""Load realistic, idempotent demo data for Oost-Vlaanderen and print the demo logins.

Running it twice gives the same data: everything is looked up by a natural key first.
"""

from datetime import time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.engine import closing
from applications.models import OOST_VLAANDEREN_CALL_CODES, Application, Call
from applications.selectors import edition_in_force
from applications.services import (
    approve_application,
    record_partner_answer,
    reject_application,
    request_changes,
    save_draft,
    submit_application,
    withdraw_application,
)
from demo.networks import DEMO_CLOSING_DAY, load_networks
from demo.psychologists import PSYCHOLOGISTS, WITHOUT_ENTERPRISE_NUMBER, load_psychologists
from demo.support_requests import load_support_requests
from portal.dates import add_months
from portal.models import Findplace, FindplaceKind, Network, Role, Theme, User

DEMO_PASSWORD = "art8-demo-2026"

NETWORKS = [
    ("PAKT", "Het PAKT", "Gent-Eeklo-Vlaamse Ardennen"),
    ("ADS", "GG ADS", "Aalst-Dendermonde-Sint-Niklaas"),
    ("RADAR", "RADAR", "Regio Oost-Vlaanderen Zuid"),
]
NETWORK_NAMES = {code: name for code, name, _region in NETWORKS}

OVERKOPHUIS = {"partner_name": "OverKophuis Gent", "partner_email": "overkophuis.gent@example.org"}
FINDPLACES = [
    ("PAKT", "Huisartsenpraktijk De Linde", FindplaceKind.GP_PRACTICE, "Gent"),
    ("PAKT", "Wijkgezondheidscentrum Rabot", FindplaceKind.COMMUNITY_HEALTH_CENTRE, "Gent"),
    ("PAKT", "OverKophuis Gent", FindplaceKind.OVERKOPHUIS, "Gent"),
    ("PAKT", "Lokaal dienstencentrum Ledeberg", FindplaceKind.LOCAL_SERVICE_CENTRE, "Gent"),
    ("PAKT", "Sint-Barbaracollege", FindplaceKind.SECONDARY_SCHOOL, "Gent"),
    ("ADS", "Jeugdhuis Den Tap", FindplaceKind.YOUTH_HOUSE, "Aalst"),
    ("ADS", "Woonzorgcentrum Hof ter Linden", FindplaceKind.NURSING_HOME, "Dendermonde"),
    ("ADS", "OverKophuis Sint-Niklaas", FindplaceKind.OVERKOPHUIS, "Sint-Niklaas"),
    ("ADS", "Vrij CLB Waasland", FindplaceKind.CLB, "Sint-Niklaas"),
    ("RADAR", "Buurthuis De Wijk", FindplaceKind.COMMUNITY_HOUSE, "Oudenaarde"),
    ("RADAR", "Huisartsenpraktijk Zonnebloem", FindplaceKind.GP_PRACTICE, "Ronse"),
    ("RADAR", "Sociale dienst OCMW Geraardsbergen", FindplaceKind.SOCIAL_SERVICE, "Geraardsbergen"),
]

# Theme names in Dutch, French and English (data translated as data, docs/languages.md).
THEMES = {
    "emotieregulatie": ("régulation émotionnelle", "emotion regulation"),
    "rouw en verlies": ("deuil et perte", "grief and loss"),
    "stress en burn-out": ("stress et burn-out", "stress and burnout"),
    "angst": ("anxiété", "anxiety"),
    "verslaving": ("assuétudes", "addiction"),
}

STAFF = [
    ("coord.pakt", "Lotte", "Coördinator PAKT", [Role.COORDINATOR], ["PAKT"]),
    ("coord.ads", "Wim", "Coördinator ADS", [Role.COORDINATOR], ["ADS"]),
    ("coord.radar", "Sofie", "Coördinator RADAR", [Role.COORDINATOR], ["RADAR"]),
    ("staff", "Nadia", "Facturatie", [Role.NETWORK_STAFF], ["PAKT", "ADS", "RADAR"]),
    ("werking", "Crosslink", "RADAR", [Role.EXISTING_SERVICE], ["RADAR"]),
]


def demo_pdf(title: str) -> bytes:
    """A one-page PDF that shows `title`: a stand-in for a signed agreement."""
    stream = f"BT /F1 18 Tf 72 760 Td ({title}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


class Command(BaseCommand):
    help = "Load idempotent demo data (networks, findplaces, users, applications) and print logins."

    def handle(self, *args, **options):
        # Texts saved in the source language's columns, whatever language the caller has
        # active (a test after a French page, say): modeltranslation writes to the active one.
        with translation.override(settings.LANGUAGE_CODE):
            self._load()

    def _load(self):
        with transaction.atomic():
            networks = self._networks()
            findplaces = self._findplaces(networks)
            themes = {
                dutch: Theme.objects.update_or_create(
                    name_nl_be=dutch, defaults={"name_fr_be": french, "name_en": english}
                )[0]
                for dutch, (french, english) in THEMES.items()
            }
            psychologists = self._psychologists(networks, themes)
            self._staff(networks)
            self._admin()
            self._activity(psychologists, findplaces)
            load_support_requests(psychologists)
        self._print_logins()

    def _networks(self):
        return load_networks(NETWORKS)

    def _findplaces(self, networks):
        return {
            name: Findplace.objects.update_or_create(
                network=networks[code],
                name=name,
                municipality=municipality,
                defaults={"kind": kind, "contact_email": "contact@example.org"},
            )[0]
            for code, name, kind, municipality in FINDPLACES
        }

    def _user(self, username, first, last, roles, networks=()):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for role in roles:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        user.networks.set(networks)
        return user

    def _psychologists(self, networks, themes):
        return load_psychologists(
            networks,
            themes,
            lambda username, first, last: self._user(username, first, last, [Role.PSYCHOLOGIST]),
        )

    def _staff(self, networks):
        for username, first, last, roles, codes in STAFF:
            self._user(username, first, last, roles, [networks[c] for c in codes])

    def _admin(self):
        admin = self._user("admin", "Beheerder", "Portaal", [])
        if not admin.is_superuser:
            admin.is_superuser = admin.is_staff = True
            admin.save()

    def _activity(self, psychologists, findplaces):
        """Applications in every state, so each page has something to show."""
        if Application.objects.exists():
            return
        today = timezone.localdate()
        start = today - timedelta(days=120)
        calls = {
            call.number: call for call in Call.objects.filter(code__in=OOST_VLAANDEREN_CALL_CODES)
        }
        coordinators = {u.username: u for u in User.objects.filter(username__startswith="coord.")}

        def apply(username, number, findplace=None, *, draft=False, **answers):
            """An application through the psychologist's services: saved, then submitted."""
            psychologist = psychologists[username]
            answers.setdefault("start_date", start)
            edition = edition_in_force(calls[number], answers["start_date"])
            answers.setdefault("requested_minutes", edition.quota_minutes)
            answers.setdefault("motivation", "Vraag van de vindplaats na overleg met het team.")
            application = save_draft(
                psychologist, calls[number], {"findplace": findplaces.get(findplace), **answers}
            )
            if draft:
                return application
            # The partner links the demo e-mails point at the address of `make run`.
            return submit_application(
                application,
                actor=psychologist.user,
                absolute_url=lambda path: f"http://127.0.0.1:8000{path}",
            )

        def approve(application, coordinator, **kwargs):
            return approve_application(
                application,
                actor=coordinators[coordinator],
                granted_minutes=application.requested_minutes,
                **kwargs,
            )

        from registrations.services import register_activity

        linde = apply(
            "an.peeters",
            1,
            "Huisartsenpraktijk De Linde",
            structural_offer=True,
            findplace_start_date=start,
            partner_name="Dr. De Linde",
            partner_email="delinde@example.org",
        )
        first = approve(record_partner_answer(linde, accept=True), "coord.pakt")
        # Registrations in the month before last are billed below; last month's are left
        # for staff to bill, so a fresh demo has a month ready to bill.
        # The last closed month (docs/month-closing.md; the networks close on the 10th).
        open_month = closing.latest_closed_month(DEMO_CLOSING_DAY, today)
        last_month_end = add_months(open_month, 1) - timedelta(days=1)
        billed_month_end = open_month - timedelta(days=1)
        billed_day = billed_month_end.replace(day=15)
        open_day = last_month_end.replace(day=15)
        for day, minutes in ((billed_day, 90), (open_day, 60)):
            register_activity(
                psychologists["an.peeters"],
                first.pk,
                {
                    "date": day,
                    "start_time": time(12, 30),
                    "duration_minutes": minutes,
                    "work_form": "consultation",
                    "attendees": 4,
                    "attendee_roles": "huisartsen, praktijkassistent",
                    "subject": "Afspraken doorverwijzing",
                    "place": "Huisartsenpraktijk De Linde",
                },
                # Registered on the day itself, while its month was open.
                today=day,
            )
        ocmw = apply(
            "dirk.claes",
            3,
            partner_name="Sociale dienst OCMW Aalst",
            partner_kind="social_service",
            partner_email="ocmw.aalst@example.org",
            portfolio="10 jaar ervaring met intervisie in de eerste lijn.",
            agreement={
                "minimum_minutes": 20 * 60,
                "periodicity": "Elke eerste dinsdag van de maand",
                "work_forms": "advice,workshop",
                "contact_arrangement": "Per e-mail; terugbellen binnen twee werkdagen.",
                "evaluation_arrangement": "Jaarlijks gesprek met de teamverantwoordelijke.",
                "next_evaluation_date": add_months(start, 12),
                "signed_pdf": ContentFile(demo_pdf("Samenwerkingsovereenkomst OCMW Aalst")),
            },
        )
        agreement = approve(record_partner_answer(ocmw, accept=True), "coord.ads")
        for day, minutes in ((billed_day, 180), (open_day, 120)):
            register_activity(
                psychologists["dirk.claes"],
                agreement.pk,
                {
                    "date": day,
                    "start_time": time(14, 0),
                    "duration_minutes": minutes,
                    "work_form": "workshop",
                    "attendees": 8,
                    "attendee_roles": "maatschappelijk werkers",
                    "subject": "Omgaan met verslaving",
                    "place": "OCMW Aalst",
                },
                # Registered on the day itself, while its month was open.
                today=day,
            )
        # The call-4 register: the support requests of demo.support_requests propose them.
        approve(
            apply("an.peeters", 4, portfolio="Vormingen rond emotieregulatie voor leerkrachten."),
            "coord.pakt",
        )
        approve(
            apply("greet.dewilde", 4, portfolio="Vormingen over angst bij jongeren."),
            "coord.radar",
        )
        # A call-2 presence: its weekly series form has data to show.
        presence = {"weekly_individual_minutes": 240, "requested_minutes": 30 * 60}
        overkophuis = apply("an.peeters", 2, "OverKophuis Gent", **presence, **OVERKOPHUIS)
        approve(record_partner_answer(overkophuis, accept=True), "coord.pakt")
        apply(
            "bert.maes",
            2,
            "Lokaal dienstencentrum Ledeberg",
            weekly_individual_minutes=240,
            requested_minutes=30 * 60,
            partner_name="LDC Ledeberg",
            partner_email="ldc.ledeberg@example.org",
        )
        record_partner_answer(
            apply(
                "greet.dewilde",
                1,
                "Buurthuis De Wijk",
                structural_offer=True,
                partner_name="Buurthuis",
                partner_email="buurthuis.dewijk@example.org",
            ),
            accept=False,
        )
        zonnebloem = approve(
            apply(
                "hans.vandamme",
                1,
                "Huisartsenpraktijk Zonnebloem",
                structural_offer=True,
                partner_name="Dr. Zonnebloem",
                partner_email="zonnebloem@example.org",
            ),
            "coord.radar",
            partner_override=True,
            override_reason="De huisarts bevestigde telefonisch; de e-mail raakte niet tot bij hem.",
        )
        # Billable hours in both months, but no enterprise number (WITHOUT_ENTERPRISE_NUMBER).
        for day, minutes in ((billed_day, 120), (open_day, 90)):
            register_activity(
                psychologists[WITHOUT_ENTERPRISE_NUMBER],
                zonnebloem.pk,
                {
                    "date": day,
                    "start_time": time(9, 0),
                    "duration_minutes": minutes,
                    "work_form": "consultation",
                    "attendees": 3,
                    "attendee_roles": "huisartsen",
                    "subject": "Overleg over doorverwijzing",
                    "place": "Huisartsenpraktijk Zonnebloem",
                },
                # Registered on the day itself, while its month was open.
                today=day,
            )
        request_changes(
            apply(
                "carla.janssens",
                1,
                "Wijkgezondheidscentrum Rabot",
                structural_offer=True,
                partner_name="WGC Rabot",
                partner_email="wgc.rabot@example.org",
            ),
            actor=coordinators["coord.pakt"],
            question="In welke zorgfuncties heeft u een vast aanbod in het wijkgezondheidscentrum?",
        )
        reject_application(
            apply("frank.goossens", 4, portfolio="Ervaring met groepswerking."),
            actor=coordinators["coord.ads"],
            reason="Het portfolio toont nog geen ervaring met vorming of intervisie.",
        )
        withdraw_application(
            apply(
                "els.wouters",
                2,
                "Jeugdhuis Den Tap",
                weekly_individual_minutes=240,
                requested_minutes=10 * 60,
                partner_name="Jeugdhuis Den Tap",
                partner_email="dentap@example.org",
            ),
            actor=psychologists["els.wouters"].user,
        )
        apply("els.wouters", 1, "OverKophuis Sint-Niklaas", structural_offer=True, draft=True)
        # Refused on submit (schools are not open yet), so it stayed a draft.
        apply("an.peeters", 1, "Sint-Barbaracollege", structural_offer=True, draft=True)

        # Invoices: the month before the last closed one is billed for every network; the
        # last closed month is not, so staff have a month ready to bill.
        from billing.services.runs import run_billing

        for network in Network.objects.all():
            run_billing(network, billed_month_end)

    def _print_logins(self):
        """Every demo login with its role and network(s), as one table, printed last."""
        rows = [
            (username, str(Role(Role.PSYCHOLOGIST).label), NETWORK_NAMES[code])
            for username, _first, _last, code, _town, _themes in PSYCHOLOGISTS
        ]
        rows += [
            (
                username,
                ", ".join(str(Role(role).label) for role in roles),
                ", ".join(NETWORK_NAMES[code] for code in codes) or "–",
            )
            for username, _first, _last, roles, codes in STAFF
        ]
        rows.append(("admin", str(_("Beheerder (Django-admin op /admin/)")), "–"))
        width = max(len(username) for username, _role, _network in rows) + 2
        role_width = max(len(role) for _username, role, _network in rows) + 2
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _("Demogegevens geladen. Wachtwoord van elke demologin: %(password)s")
                % {"password": DEMO_PASSWORD}
            )
        )
        header = (str(_("Login")), str(_("Rol")), str(_("Netwerk")))
        for username, role, network in [header, *rows]:
            self.stdout.write(f"  {username:<{width}}{role:<{role_width}}{network}")
