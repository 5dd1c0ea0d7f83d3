"""Which edition of a call an application falls under.

Decision (domain, "Calls for every network"): the edition in force on the application's
start date. It is looked up again each time the start date is saved, up to the decision;
an allocation then keeps its edition for its whole window. A start date that no edition
covers is refused here, so every path that saves an application (form, demo, tests) hits
the same rule.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from applications.models import Call, CallEdition
from applications.selectors import edition_in_force


def edition_for(call: Call, day) -> CallEdition:
    edition = edition_in_force(call, day)
    if edition is None:
        raise ValidationError(
            _(
                "Op %(day)s geldt er geen editie van oproep %(number)s. Kies een startdatum "
                "binnen de geldigheid van een editie, of vraag uw netwerk wanneer de volgende "
                "editie start."
            )
            % {"day": f"{day:%d/%m/%Y}", "number": call.number},
            code="no_edition_in_force",
        )
    return edition
