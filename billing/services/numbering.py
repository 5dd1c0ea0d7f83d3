"""Invoice numbers: one gapless sequence per network and year, for invoices and credit notes.

A number is taken from the locked `InvoiceSequence` row inside the issuing transaction,
so a rollback returns it and the numbering never has a gap. A year's series starts with
the network's invoice prefix of that moment (its code unless set) and keeps it all year:
a prefix changed on the settings page applies from the next year's series.
"""

from billing.models import InvoiceSequence
from portal.models import Network


def next_number(network: Network, year: int) -> str:
    """The next invoice number of a network in a year; call inside the issuing transaction.

    The sequence row is locked until the transaction ends, so a rollback returns the number.
    """
    return next_numbers(network, year, 1)[0]


def next_numbers(network: Network, year: int, count: int) -> list[str]:
    """The next `count` consecutive invoice numbers of a network in a year (see next_number)."""
    InvoiceSequence.objects.get_or_create(network=network, year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(network=network, year=year)
    if not sequence.prefix:
        # The year's first number: the series takes the network's prefix for the year.
        sequence.prefix = network.number_prefix
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number", "prefix"])
    prefix = f"{sequence.prefix}-{year}-"
    return [f"{prefix}{number:05d}" for number in range(first, first + count)]
