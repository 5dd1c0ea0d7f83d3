"""Made-up but valid Belgian numbers for demo, test and load data: enterprise numbers and
IBANs whose check digits hold, so the checks of the portal accept them.

They are derived from a counter (one number per psychologist), never from real data.
"""

from stdnum import iban as stdnum_iban

# A bank code the National Bank has handed out (Belfius, BIC GKCCBEBB), so a BIC follows.
BANK_CODE = "096"
BANK_BIC = "GKCCBEBB"


def made_up_enterprise_number(n: int) -> str:
    """The n-th made-up enterprise number (KBO/BCE): 10 digits starting with 0 or 1, the
    last two 97 minus the first eight modulo 97. They repeat after 19 million."""
    base = 1_000_000 + n % 19_000_000  # never 0, which the KBO does not hand out
    first_eight = f"{base:08d}"
    return f"{first_eight}{97 - int(first_eight) % 97:02d}"


def made_up_iban(n: int) -> str:
    """The n-th made-up Belgian IBAN: bank code, 7-digit account, national check digits
    (the first 10 digits modulo 97, 97 for 0) and the IBAN check digits."""
    account = f"{BANK_CODE}{n % 10_000_000:07d}"
    national = int(account) % 97 or 97
    bban = f"{account}{national:02d}"
    return f"BE{stdnum_iban.calc_check_digits('BE00' + bban)}{bban}"
