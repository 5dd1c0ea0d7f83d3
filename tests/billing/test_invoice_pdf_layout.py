"""The invoice PDF's layout: A4, "Pagina X van Y" in the page footer, at most 25 activities a
page with the table header on each, nothing running out of the page for the longest
names and addresses the models allow, and a fixed number of queries whatever its length.

Layout is read from WeasyPrint's rendered document (`billing.pdf.document`): every box of
every page, with its position and size in CSS pixels.
"""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from billing import pdf
from billing.models import Invoice
from billing.services import credit_notes, runs
from portal.models import Network, Psychologist, User
from tests.billing.helpers import LONGEST_VALID_IBAN
from tests.billing.invoice_pdf_helpers import (
    ISSUE_DAY,
    MARCH,
    allocation_of,
    complete_network,
    complete_psychologist,
    issue_march_invoice,
    loaded,
    pdf_pages_text,
    register_activities,
)
from tests.factories import NetworkFactory

# A hundredth of a CSS pixel: float noise, not a box running out.
EPSILON = 0.01
A4_POINTS = (595.28, 841.89)


def max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def widest(model, field: str) -> str:
    """The longest value the field holds, in the widest letter and without a space to
    break at: the worst case for a column."""
    return "W" * max_length(model, field)


@pytest.fixture
def psychologist(network):
    complete_network(network)
    return complete_psychologist(network)


def invoice_of(network, psychologist, activities: int) -> Invoice:
    register_activities(allocation_of(psychologist, network), activities)
    return issue_march_invoice(network)


def activity_rows_per_page(document) -> list[int]:
    """How many itemised activities (table rows of class "activity") each page holds."""
    return [
        len(
            {
                id(box.element)
                for box in page._page_box.descendants()
                if box.element_tag == "tr" and "activity" in (box.element.get("class") or "")
            }
        )
        for page in document.pages
    ]


def boxes_outside_the_page_area(document) -> list[str]:
    """Every box of the page content whose border box leaves the page area (the page
    minus its margins), and every footer box that leaves the page's width minus margins."""
    outside = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.margin_left
        right = page.width - page_box.margin_right
        bottom = page.height - page_box.margin_bottom
        for box in page_box.descendants():
            if box is page_box:
                continue
            x, y = box.border_box_x(), box.border_box_y()
            box_right, box_bottom = x + box.border_width(), y + box.border_height()
            in_margin = type(box).__name__ == "MarginBox" or _inside_margin_box(box, page_box)
            if (
                x < left - EPSILON
                or box_right > right + EPSILON
                or (not in_margin and box_bottom > bottom + EPSILON)
            ):
                outside.append(f"page {number}: {box!r} {x:.1f}–{box_right:.1f} ≤ {right:.1f}")
    return outside


def _inside_margin_box(box, page_box) -> bool:
    margin_boxes = [child for child in page_box.children if type(child).__name__ == "MarginBox"]
    return any(box is inner for margin in margin_boxes for inner in margin.descendants())


def longest_parties(db) -> tuple[Network, Psychologist]:
    """A network and a psychologist whose every printed field is as long as it can be."""
    network = NetworkFactory(code="w" * max_length(Network, "code"), name=widest(Network, "name"))
    complete_network(
        network,
        street=widest(Network, "street"),
        postal_code="9" * max_length(Network, "postal_code"),
        municipality=widest(Network, "municipality"),
    )
    psychologist = complete_psychologist(
        network,
        user={"first_name": widest(User, "first_name"), "last_name": widest(User, "last_name")},
        street=widest(Psychologist, "street"),
        postal_code=widest(Psychologist, "postal_code"),
        municipality=widest(Psychologist, "municipality"),
        riziv_number="9" * max_length(Psychologist, "riziv_number"),
        iban=LONGEST_VALID_IBAN,
        bic=widest(Psychologist, "bic"),
    )
    return network, psychologist


def test_the_pdf_is_a4(network, psychologist):
    reader = PdfReader(io.BytesIO(pdf.invoice_pdf(invoice_of(network, psychologist, 1))))

    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=0.5)


def test_60_activities_take_three_pages_of_25_25_and_10(network, psychologist):
    document = pdf.document(invoice_of(network, psychologist, 60))

    assert activity_rows_per_page(document) == [25, 25, 10]


def test_every_page_says_pagina_x_van_y_in_its_footer(network, psychologist):
    pages = pdf_pages_text(invoice_of(network, psychologist, 60))

    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van 3" in text


def test_the_activity_table_header_repeats_on_every_page(network, psychologist):
    pages = pdf_pages_text(invoice_of(network, psychologist, 60))

    assert all("Nr. Datum Oproep Werkvorm Minuten Voorbereiding" in text for text in pages)


def test_the_next_pages_name_the_invoice_at_their_top(network, psychologist):
    invoice = invoice_of(network, psychologist, 60)

    pages = pdf_pages_text(invoice)

    assert all(f"Factuur {invoice.number}" in text for text in pages[1:])


def test_25_activities_fit_on_the_first_page(network, psychologist):
    document = pdf.document(invoice_of(network, psychologist, 25))

    assert activity_rows_per_page(document) == [25]


def test_the_26th_activity_starts_a_second_page(network, psychologist):
    document = pdf.document(invoice_of(network, psychologist, 26))

    assert activity_rows_per_page(document) == [25, 1]


def test_nothing_runs_out_of_the_page_for_ordinary_parties(network, psychologist):
    document = pdf.document(invoice_of(network, psychologist, 60))

    assert boxes_outside_the_page_area(document) == []


def test_nothing_runs_out_of_the_page_for_the_longest_names_and_addresses(db):
    network, psychologist = longest_parties(db)
    invoice = invoice_of(network, psychologist, 60)
    assert len(invoice.payee_name) == 2 * max_length(User, "first_name") + 1
    assert len(invoice.payer_name) == max_length(Network, "name") == 120

    document = pdf.document(invoice)

    assert boxes_outside_the_page_area(document) == []


def test_the_longest_names_and_addresses_keep_at_most_25_activities_a_page(db):
    network, psychologist = longest_parties(db)

    rows = activity_rows_per_page(pdf.document(invoice_of(network, psychologist, 60)))

    assert sum(rows) == 60 and max(rows) <= pdf.ROWS_PER_PAGE


def test_a_credit_note_with_the_longest_names_and_a_long_reason_stays_on_the_page(db):
    network, psychologist = longest_parties(db)
    invoice = invoice_of(network, psychologist, 1)
    note = credit_notes.issue_credit_note(
        invoice.items.get(), reason="W" * 600, issue_date=date(2025, 4, 2)
    )

    assert boxes_outside_the_page_area(pdf.document(loaded(note))) == []


def test_the_page_check_sees_a_box_that_runs_out():
    # The check can fail: one unbreakable word wider than the page area.
    from weasyprint import HTML

    document = HTML(string=f"<style>@page {{ size: A4; margin: 20mm }}</style><p>{'W' * 120}</p>")

    assert boxes_outside_the_page_area(document.render()) != []


def queries_to_render(invoice: Invoice) -> int:
    with CaptureQueriesContext(connection) as queries:
        pdf.render_html(loaded(invoice))
    return len(queries)


def test_rendering_60_activities_costs_the_queries_of_one(network, psychologist):
    register_activities(allocation_of(psychologist, network), 1)
    other = complete_psychologist(network, riziv_number="77777777")
    register_activities(allocation_of(other, network), 60)
    run = runs.run_billing(network, MARCH, issue_date=ISSUE_DAY)
    one, sixty = (run.invoices.get(psychologist=p) for p in (psychologist, other))

    assert len(loaded(sixty).items.all()) == 60
    assert queries_to_render(sixty) == queries_to_render(one)
