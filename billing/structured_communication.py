"""The Belgian structured communication (OGM/VCS, "+++ddd/dddd/dddNN+++") of a document.

Ten digits that are unique per document, followed by their mod-97 check (python-stdnum's
`be.ogm_vcs`): the network's id (three digits), the year of the series (two digits) and
the document's sequence number in it (five digits), so the communication follows from
the gapless number and two documents never share one.
"""

from stdnum.be import ogm_vcs


def for_document(network_id: int, number: str) -> str:
    """The 12 digits of the communication of the document numbered `number` (PREFIX-YYYY-NNNNN)."""
    _prefix, year, sequence = number.rsplit("-", 2)
    base = f"{network_id % 1000:03d}{int(year) % 100:02d}{int(sequence) % 100000:05d}"
    return base + ogm_vcs.calc_check_digits(base)


def printed(digits: str) -> str:
    """As on the invoice and in the transfer: +++123/4567/89002+++."""
    return f"+++{ogm_vcs.format(digits)}+++" if digits else ""


def for_import(digits: str) -> str:
    """As an accounting import reads it: 123/4567/89002 (no leading "+", which a
    spreadsheet would take for a formula and the CSV would have to escape)."""
    return ogm_vcs.format(digits) if digits else ""
