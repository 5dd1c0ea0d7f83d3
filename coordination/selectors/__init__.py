"""Read queries of the coordinator pages, one module per page family.

Every query is scoped by applications.access (the networks the user follows) and costs a
fixed number of queries whatever the number of rows. Labels and chart geometry are not
here: see coordination.presentation.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce

# The quota minutes an allocation uses: kept in registrations.AllocationUsage (no row: none
# yet). Summing each allocation's registrations per request cost seconds for the country.
USED_MINUTES = Coalesce(F("quota_usage__minutes"), Value(0))
TOTAL_MINUTES = F("granted_minutes") + F("bonus_minutes") + F("extra_minutes")
