"""The ZIP of a run's invoice PDFs, written under MEDIA_ROOT/billing/ for staff to download.

The PDFs are rendered by `billing.pdf`; this module only packs them, atomically. The
invoices are read chunk by chunk (`selectors.documents`), and every PDF of the ZIP is
typeset with the same fonts and parsed CSS (`portal.pdf.typesetter`, one per thread).
"""

import zipfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from billing.models import BillingRun
from billing.pdf import filename, invoice_pdf
from billing.selectors import documents, run_document_ids


def write_run_zip(run: BillingRun, on_progress: Callable[[int, int], None] | None = None) -> str:
    """Write every PDF of a run into MEDIA_ROOT/billing/; returns the path relative to it.

    `on_progress(done, total)` is called before the first PDF and after each one."""
    ids = run_document_ids(run)
    total = len(ids)
    progress = on_progress or (lambda _done, _total: None)
    folder = Path(settings.MEDIA_ROOT) / "billing"
    folder.mkdir(parents=True, exist_ok=True)
    relative = f"billing/{slugify(run.network.code)}-{run.period_end:%Y-%m}-run{run.pk}.zip"
    target = Path(settings.MEDIA_ROOT) / relative
    partial = target.with_suffix(".zip.part")
    progress(0, total)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, invoice in enumerate(documents(ids), start=1):
                archive.writestr(filename(invoice), invoice_pdf(invoice))
                progress(done, total)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)  # atomic: a download never sees half a ZIP
    return relative
