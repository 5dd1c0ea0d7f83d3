"""The SEPA credit-transfer file (pain.001.001.03) of a run's unpaid invoices, which the
network uploads to its bank to pay its psychologists in one go.

Built with sepaxml, then post-processed: sepaxml writes the remittance information only
unstructured (`<Ustrd>`), and Belgian banks expect the structured communication as
structured remittance (`<Strd>` with a creditor reference of type SCOR issued by BBA), so
each transaction's `<Ustrd>` is replaced by it and the file is validated against the XSD
that sepaxml ships. Choices (docs/payment.md):

* **What is in it**: the run's invoices that are to pay with something still due
  (`billing.payment_state`), each for the amount still due; a credit note is never paid.
  An invoice whose copied IBAN is not valid is left out and reported, never the file.
* **Debtor**: the network's name, IBAN and BIC (refused without them). **Creditor**: the
  payee's name and IBAN as copied onto the invoice at issue; the BIC is the invoice's, or
  else the one of a Belgian IBAN's bank, or else none (SEPA allows IBAN-only).
* **Execution date**: the earliest due date of the invoices in the file, or today when
  that is past (a bank refuses a date in the past).
* One batch (one debit on the network's statement); the file marks nothing paid: staff
  mark the invoices paid when the bank has executed it.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import sepaxml
import xmlschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer
from text_unidecode import unidecode

from billing.models import BillingRun, Invoice, InvoiceKind
from billing.payment_selectors import with_payment_state
from billing.payment_state import PaymentState
from portal.validators import normalize_bic, normalize_iban

SCHEMA = "pain.001.001.03"
NAMESPACE = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"
XSD = Path(sepaxml.__file__).parent / "schemas" / f"{SCHEMA}.xsd"
# The characters every SEPA bank accepts in a name (EPC's basic Latin set).
NOT_SEPA_TEXT = re.compile(r"[^A-Za-z0-9/?:().,'+ -]")


@dataclass(frozen=True)
class Transfer:
    invoice: Invoice
    iban: str
    bic: str  # empty: the bank finds it from the IBAN
    amount: Decimal


@dataclass(frozen=True)
class LeftOut:
    invoice: Invoice
    reason: str
    code: str


@dataclass(frozen=True)
class Plan:
    """What the file of a run holds, what it leaves out, and why it cannot be made."""

    transfers: list[Transfer]
    left_out: list[LeftOut]
    refusals: list[ValidationError]
    execution_date: date | None

    @property
    def total(self) -> Decimal:
        return sum((transfer.amount for transfer in self.transfers), Decimal("0.00"))


@dataclass(frozen=True)
class CreditTransfer:
    xml: bytes
    plan: Plan


def network_refusals(network) -> list[ValidationError]:
    """Why the network's account cannot be the debtor of a transfer."""
    refusals = []
    try:
        iban = normalize_iban(network.iban)
    except ValidationError:
        iban = ""
        refusals.append(
            ValidationError(
                _(
                    "Het netwerk %(network)s heeft geen geldig IBAN-rekeningnummer. Vul het in "
                    "op de instellingenpagina van het netwerk en download het bestand opnieuw."
                )
                % {"network": network.name},
                code="sepa_network_iban_missing",
            )
        )
    try:
        bic = normalize_bic(network.bic, iban) if network.bic else ""
    except ValidationError:
        bic = ""
    if not bic:
        refusals.append(
            ValidationError(
                _(
                    "Het netwerk %(network)s heeft geen geldige BIC-code. Vul ze in op de "
                    "instellingenpagina van het netwerk en download het bestand opnieuw."
                )
                % {"network": network.name},
                code="sepa_network_bic_missing",
            )
        )
    return refusals


def _payee_bic(invoice: Invoice, iban: str) -> str:
    try:
        return normalize_bic(invoice.payee_bic, iban)
    except ValidationError:  # a wrong BIC is worse than none: the IBAN finds the bank
        return normalize_bic("", iban)


def plan(run: BillingRun, today: date) -> Plan:
    """The transfers of the run's unpaid invoices (one query)."""
    unpaid = (
        with_payment_state(run.invoices.filter(kind=InvoiceKind.INVOICE), today)
        .filter(payment_state=PaymentState.TO_PAY, amount_due__gt=0)
        .order_by("number")
    )
    transfers, left_out = [], []
    for invoice in unpaid:
        try:
            iban = normalize_iban(invoice.payee_iban)
        except ValidationError:
            left_out.append(
                LeftOut(
                    invoice,
                    _(
                        "geen geldig IBAN-rekeningnummer op de factuur (%(iban)s). Betaal deze "
                        "factuur apart zodra de psycholoog het juiste nummer geeft, en laat "
                        "het in hun profiel verbeteren voor de volgende runs."
                    )
                    % {"iban": invoice.payee_iban or _("leeg")},
                    code="sepa_payee_iban_invalid",
                )
            )
            continue
        transfers.append(Transfer(invoice, iban, _payee_bic(invoice, iban), invoice.amount_due))
    refusals = network_refusals(run.network)
    if not transfers:
        refusals.append(
            ValidationError(
                _(
                    "Deze run heeft geen facturen die nog betaald moeten worden (met een "
                    "geldig IBAN): er is geen overschrijvingsbestand te maken."
                ),
                code="sepa_nothing_to_pay",
            )
        )
    due_dates = [t.invoice.due_date for t in transfers if t.invoice.due_date is not None]
    execution_date = max(min(due_dates, default=today), today)
    return Plan(transfers, left_out, refusals, execution_date)


def _text(value: str, limit: int = 70) -> str:
    return NOT_SEPA_TEXT.sub(" ", unidecode(value)).strip()[:limit] or "-"


def _cents(amount: Decimal) -> int:
    return int(amount.quantize(Decimal("0.01")) * 100)


def credit_transfer(run: BillingRun, today: date) -> CreditTransfer:
    """The pain.001 file of `plan(run)`, validated; its refusals raised as one error."""
    planned = plan(run, today)
    if planned.refusals:
        raise ValidationError(planned.refusals)
    network = run.network
    transfer = SepaTransfer(
        {
            "name": _text(network.name),
            "IBAN": normalize_iban(network.iban),
            "BIC": normalize_bic(network.bic, normalize_iban(network.iban)),
            "batch": True,
            "currency": "EUR",
        },
        schema=SCHEMA,
    )
    for item in planned.transfers:
        payment = {
            "name": _text(item.invoice.payee_name),
            "IBAN": item.iban,
            "amount": _cents(item.amount),
            "execution_date": planned.execution_date,
            "description": item.invoice.structured_communication,
            "endtoend_id": item.invoice.number,
        }
        if item.bic:
            payment["BIC"] = item.bic
        transfer.add_payment(payment)
    references = {t.invoice.number: t.invoice.structured_communication for t in planned.transfers}
    xml = structured_remittance(transfer.export(validate=False), references)
    validate(xml)
    return CreditTransfer(xml, planned)


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def structured_remittance(xml: bytes, references: dict[str, str]) -> bytes:
    """`xml` with each transaction's `<Ustrd>` replaced by the Belgian structured
    communication of its end-to-end id (`references`: id -> 12 digits)."""
    root = ET.fromstring(xml)  # noqa: S314 - the XML sepaxml just wrote, not input
    for transaction in root.iter(_q("CdtTrfTxInf")):
        end_to_end = transaction.find(f"{_q('PmtId')}/{_q('EndToEndId')}").text
        remittance = transaction.find(_q("RmtInf"))
        for unstructured in remittance.findall(_q("Ustrd")):
            remittance.remove(unstructured)
        reference = ET.SubElement(ET.SubElement(remittance, _q("Strd")), _q("CdtrRefInf"))
        kind = ET.SubElement(reference, _q("Tp"))
        ET.SubElement(ET.SubElement(kind, _q("CdOrPrtry")), _q("Cd")).text = "SCOR"
        ET.SubElement(kind, _q("Issr")).text = "BBA"
        ET.SubElement(reference, _q("Ref")).text = references[end_to_end]
    # Elements of the pain namespace without a prefix, as sepaxml writes them (its
    # attributes, such as Ccy, have no namespace, so `default_namespace=` cannot be used).
    ET.register_namespace("", NAMESPACE)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


@cache
def _schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def validate(xml: bytes) -> None:
    """Raise xmlschema's error when `xml` is not a valid pain.001.001.03 document (a bug:
    every value was checked or cleaned before)."""
    _schema().validate(xml.decode())


def filename(run: BillingRun) -> str:
    return f"overschrijvingen-{run.network.code}-{run.period_end:%Y-%m}.xml"
