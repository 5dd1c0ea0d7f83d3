"""How the published offer says things to first-line actors: what each work form means
for them, and the geometry of the chart of where the offer is.

No queries: it turns what demand.selectors.offer reads into what the templates show.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applications.models import WorkForm
from demand.selectors.offer import MunicipalityOffer

# What a psychologist does with the first-line actors in each work form, in plain words.
WORK_FORM_EXPLANATIONS = {
    WorkForm.CONSULTATION: _(
        "De psycholoog komt naar uw organisatie en bekijkt met uw team welke "
        "psychologische steun uw bezoekers nodig hebben."
    ),
    WorkForm.PRESENCE: _(
        "De psycholoog is er op vaste momenten bij, zodat bezoekers zonder afspraak "
        "kunnen aanspreken."
    ),
    WorkForm.ADVICE: _(
        "U legt een vraag uit uw werk voor en krijgt advies, of de psycholoog deelt "
        "kennis met uw team."
    ),
    WorkForm.ORIENTATION: _(
        "Samen zoekt u uit welke hulp past en waar u iemand het best naartoe leidt."
    ),
    WorkForm.CO_CONSULT: _(
        "De psycholoog zit mee aan tafel bij een gesprek, met toestemming van de persoon "
        "over wie het gaat."
    ),
    WorkForm.CASE_INTERVISION: _(
        "U bespreekt met collega's en de psycholoog een situatie uit uw werk, zonder namen."
    ),
    WorkForm.THEME_INTERVISION: _(
        "Een groepsgesprek met uw team over één thema, bijvoorbeeld omgaan met agressie."
    ),
    WorkForm.WORKSHOP: _("Een vorming of workshop voor een groep eerstelijnsactoren."),
}


def work_forms(codes: list[str]) -> list[dict]:
    """The work forms of a call with their name and what they mean for first-line actors."""
    names = dict(WorkForm.choices)
    return [
        {"name": names[code], "explanation": WORK_FORM_EXPLANATIONS.get(code, "")}
        for code in codes
        if code in names
    ]


# --- The chart of where the offer is ---------------------------------------------------

LABEL_HEIGHT, BAR_HEIGHT, GAP = 20, 16, 10
MAX_WIDTH = 60  # % of the chart width; the rest holds the value text


def municipality_chart(rows: list[MunicipalityOffer]) -> dict:
    """Geometry of a horizontal bar chart (SVG, server-rendered): one bar per municipality,
    as long as its number of psychologists, its label on the line above."""
    largest = max((row.psychologists for row in rows), default=0) or 1
    bars, y = [], 0
    for row in rows:
        width = max(row.psychologists * MAX_WIDTH // largest, 1)
        bars.append(
            {
                "municipality": row.municipality,
                "psychologists": row.psychologists,
                "findplaces": row.findplaces,
                "label_y": y + LABEL_HEIGHT - 6,
                "y": y + LABEL_HEIGHT,
                "width": width,
                "text_x": width + 1,
                "text_y": y + LABEL_HEIGHT + BAR_HEIGHT - 4,
                "value": value_text(row),
            }
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return {"bars": bars, "height": y, "bar_height": BAR_HEIGHT}


def value_text(row: MunicipalityOffer) -> str:
    """ "2 psychologen, 1 vindplaats": the numbers beside a bar."""
    psychologists = ngettext("%(count)s psycholoog", "%(count)s psychologen", row.psychologists) % {
        "count": row.psychologists
    }
    if not row.findplaces:
        return psychologists
    findplaces = ngettext("%(count)s vindplaats", "%(count)s vindplaatsen", row.findplaces) % {
        "count": row.findplaces
    }
    return f"{psychologists}, {findplaces}"
