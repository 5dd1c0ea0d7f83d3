"""The invoice PDFs share what is costly to build: the fonts and the parsed static CSS are
made once per thread (portal.pdf.typesetter), the ZIP of a run reads its invoices chunk by
chunk, and neither changes a word of the documents."""

import gc
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest
import weasyprint
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import archive, pdf
from billing.services import runs
from portal import pdf as typesetting
from tests.billing.helpers import register
from tests.billing.invoice_pdf_helpers import (
    allocation_of,
    complete_network,
    complete_psychologist,
    issue_march_invoice,
    pdf_pages_text,
    register_activities,
)


@pytest.fixture
def fresh_typesetter():
    """No typesetter in this thread before the test, and none left after it."""
    typesetting.forget_typesetter()
    yield
    typesetting.forget_typesetter()


@pytest.fixture
def builds(monkeypatch, fresh_typesetter):
    """How often the fonts (a typesetter) and a stylesheet are built from here on."""
    counted = {"typesetters": 0, "stylesheets": 0}
    build_typesetter, css = typesetting.build_typesetter, weasyprint.CSS

    def counting_typesetter():
        counted["typesetters"] += 1
        return build_typesetter()

    def counting_css(*args, **kwargs):
        counted["stylesheets"] += 1
        return css(*args, **kwargs)

    monkeypatch.setattr(typesetting, "build_typesetter", counting_typesetter)
    monkeypatch.setattr(weasyprint, "CSS", counting_css)
    return counted


@pytest.fixture
def invoice(network):
    complete_network(network)
    psychologist = complete_psychologist(network)
    register_activities(allocation_of(psychologist, network), 30)
    return issue_march_invoice(network)


def test_two_pdfs_build_the_fonts_and_the_css_once(invoice, builds):
    pdf.invoice_pdf(invoice)
    pdf.invoice_pdf(invoice)

    assert builds == {"typesetters": 1, "stylesheets": 1}


def test_a_pdf_typeset_with_the_shared_fonts_and_css_reads_as_with_fresh_ones(
    invoice, fresh_typesetter
):
    fresh = pdf_pages_text(invoice)

    first, second = pdf_pages_text(invoice), pdf_pages_text(invoice)

    assert len(fresh) == 2
    assert first == fresh and second == fresh


def test_each_thread_has_its_own_typesetter(fresh_typesetter):
    other = []
    thread = threading.Thread(target=lambda: other.append(typesetting.typesetter()))
    thread.start()
    thread.join()

    assert other[0] is not typesetting.typesetter()
    assert typesetting.typesetter() is typesetting.typesetter()


def test_the_garbage_collector_is_on_again_after_a_pdf(invoice):
    pdf.invoice_pdf(invoice)

    assert gc.isenabled()


def test_the_garbage_collector_is_off_while_typesetting_and_on_again_after_an_error():
    with pytest.raises(RuntimeError), typesetting.collector_paused():
        with typesetting.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # another document is still being typeset
        raise RuntimeError

    assert gc.isenabled()


def test_a_zip_builds_the_fonts_once_and_its_queries_do_not_grow_with_its_invoices(
    network, make_allocation, builds, tmp_path, monkeypatch
):
    monkeypatch.setattr(settings, "MEDIA_ROOT", str(tmp_path))
    monkeypatch.setattr("billing.selectors.documents.__defaults__", (2,))
    for day in (3, 4, 5, 6, 7):
        register(make_allocation(), date(2025, 3, day), 60)
    run = runs.run_billing(network, date(2025, 3, 31), issue_date=date(2025, 4, 1))

    with CaptureQueriesContext(connection) as queries:
        path = archive.write_run_zip(run)

    with zipfile.ZipFile(Path(settings.MEDIA_ROOT) / path) as written:
        names = written.namelist()
    assert names == sorted(f"{invoice.number}.pdf" for invoice in run.invoices.all())
    assert builds == {"typesetters": 1, "stylesheets": 1}
    # The ids and the run's network (the file's name), then three chunks (2 + 2 + 1) of
    # 4 queries each: the invoices, their lines, items and credit notes.
    assert len(queries) == 2 + 3 * 4
