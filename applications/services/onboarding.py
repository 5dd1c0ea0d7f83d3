"""A new network starts the same day: its row, its people, its settings and its calls.

`manage.py onboard_network` calls this; docs/networks.md shows an example. The network's
calls either join the calls of another network (`share_calls_of`: the three networks of
Oost-Vlaanderen publish the same four) or start as copies of another network's editions
in force (`copy_calls_of`), as the network's own calls whose rules its staff then change
on the call pages. People get an account without a password: they choose one through
"Wachtwoord vergeten" on the login page, so no password ever travels by mail or chat.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import Call
from applications.selectors import edition_in_force
from applications.services import edition_changes
from portal.models import Network, Role, User
from portal.network_settings import update_network_settings


@dataclass
class NewNetwork:
    code: str
    name: str
    languages: list[str]
    postcodes: str
    staff: list[str]
    coordinators: list[str] = field(default_factory=list)
    education_open: bool = False
    invoice_prefix: str = ""
    share_calls_of: str = ""
    copy_calls_of: str = ""
    calls_from: date | None = None


def onboard_network(new: NewNetwork) -> Network:
    if not new.staff:
        raise ValidationError(
            _("Geef minstens één netwerkmedewerker op: die beheert de instellingen en oproepen."),
            code="staff_required",
        )
    if Network.objects.filter(code=new.code).exists():
        raise ValidationError(
            _("Er is al een netwerk met de code %(code)s.") % {"code": new.code},
            code="network_code_taken",
        )
    with transaction.atomic():
        network = Network.objects.create(code=new.code, name=new.name, languages=new.languages)
        people = [_person(email, Role.NETWORK_STAFF, network, new.languages) for email in new.staff]
        for email in new.coordinators:
            _person(email, Role.COORDINATOR, network, new.languages)
        settings = {"languages": new.languages, "education_open": new.education_open}
        settings.update(postcodes=new.postcodes, invoice_prefix=new.invoice_prefix)
        update_network_settings(network, settings, actor=people[0])
        if new.share_calls_of:
            network.calls.add(*_network(new.share_calls_of).calls.all())
        if new.copy_calls_of:
            _copy_calls(network, _network(new.copy_calls_of), new.calls_from, people[0])
    return network


def _copy_calls(network: Network, source: Network, start: date, actor) -> None:
    for call in source.calls.order_by("number", "id"):
        template = edition_in_force(call, start)
        if template is None:
            continue
        values, work_forms = edition_changes.values_of(template)
        values.update(valid_from=start, valid_until=None, notes="")
        edition_changes.create_call(
            network,
            number=call.number,
            code=_free_code(f"{network.code.lower()}-{call.number}"),
            name=call.name,
            description=call.description,
            values=values,
            work_forms=work_forms,
            actor=actor,
        )


def _free_code(code: str) -> str:
    candidate, n = code, 1
    while Call.objects.filter(code=candidate).exists():
        n += 1
        candidate = f"{code}-{n}"
    return candidate


def _network(code: str) -> Network:
    try:
        return Network.objects.get(code=code)
    except Network.DoesNotExist:
        raise ValidationError(
            _("Er is geen netwerk met de code %(code)s.") % {"code": code},
            code="network_unknown",
        ) from None


def _person(email: str, role: str, network: Network, languages: list[str]) -> User:
    user, created = User.objects.get_or_create(
        username=email.lower(), defaults={"email": email.lower()}
    )
    if created:
        user.set_unusable_password()
        user.language = languages[0] if languages else user.language
        user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    user.networks.add(network)
    return user
