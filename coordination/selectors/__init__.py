"""Read queries of the coordinator pages, one module per page family.

Every query is scoped by applications.access (the networks the user follows) and costs a
fixed number of queries whatever the number of rows. Labels and chart geometry are not
here: see coordination.presentation.
"""

from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from applications import engine
from registrations.models import Registration

# Quota minutes of the registrations that count (not reversed by a credit note).
COUNTING = engine.counting_registrations("registrations")
# The minutes they use, per allocation, as a correlated subquery: each allocation reads its own
# rows through the (allocation, date) index. A join and GROUP BY instead lets PostgreSQL
# hash every registration of the country to keep a network's few (issue 17).
USED_MINUTES = Coalesce(
    Subquery(
        Registration.objects.counting()
        .filter(allocation=OuterRef("pk"))
        .order_by()
        .values("allocation")
        .annotate(minutes=Sum("quota_minutes"))
        .values("minutes"),
        output_field=IntegerField(),
    ),
    Value(0),
)
TOTAL_MINUTES = F("granted_minutes") + F("bonus_minutes") + F("extra_minutes")
