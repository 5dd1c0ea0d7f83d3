"""Keeps AllocationUsage and AllocationMonthUsage equal to what an allocation's counting
registrations use, in all and per month (registered and billed).

Recounted, not incremented: every save or delete of a registration recounts its allocation
in the same transaction, so a missed or repeated signal cannot make the figure drift.
Writes that send no signal (QuerySet.update, bulk_create) call `recount` themselves: the
credit note, the load generator. The one increment is the billing run's, which adds the
registrations it has just flagged to their months' billed minutes (`add_billed`), checked
to have flagged exactly those. Services change registrations under the psychologist's
lock, so two recounts of one allocation never race.
"""

from django.db import connection
from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.signals import post_delete, post_save, pre_delete

from applications import engine
from applications.models import Allocation
from registrations.models import AllocationMonthUsage, Registration


def _write(statement: str, model, select) -> None:
    """Run `statement` with `{table}` the model's quoted table and `{select}` the SQL of the
    queryset `select` (Django has no INSERT … SELECT or UPDATE … FROM)."""
    sql, params = select.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=table, select=sql), params)


def recount(allocations) -> None:
    """Recount the usage of every allocation of the queryset `allocations`: three statements."""
    recount_totals(allocations)
    recount_months(allocations)


def recount_totals(allocations, registration_model=None) -> None:
    """Upsert the total usage of every allocation of `allocations`, in one statement.

    `registration_model` is the migrations' historical model; by default the current one.
    """
    registration_model = registration_model or Registration
    usage_model = allocations.model._meta.get_field("quota_usage").related_model
    used = (
        registration_model.objects.filter(engine.counting_registrations())
        .filter(allocation=OuterRef("pk"))
        .order_by()
        .values("allocation")
        .annotate(minutes=Sum("quota_minutes"))
        .values("minutes")
    )
    # SQLite parses `INSERT … SELECT … ON CONFLICT` only when the SELECT has a WHERE clause.
    select = (
        allocations.filter(pk__isnull=False)
        .order_by()
        .annotate(minutes=Coalesce(Subquery(used, output_field=IntegerField()), Value(0)))
        .values_list("pk", "minutes")
    )
    _write(
        "INSERT INTO {table} (allocation_id, minutes) {select} "
        "ON CONFLICT (allocation_id) DO UPDATE SET minutes = EXCLUDED.minutes",
        usage_model,
        select,
    )


def recount_months(allocations, registration_model=None) -> None:
    """Replace the month rows of every allocation of `allocations`: one DELETE, one
    INSERT … SELECT of the months that have counting registrations."""
    registration_model = registration_model or Registration
    billed, on_request = Q(is_billed=True), Q(support_request__isnull=False)
    month_model = allocations.model._meta.get_field("monthly_usage").related_model
    month_model.objects.filter(allocation__in=allocations.values("pk")).delete()
    # What the allocation's month rows copy of it (a migration's older model: fewer).
    copied = [name for name in ("network", "psychologist") if _has_field(month_model, name)]
    select = (
        registration_model.objects.filter(engine.counting_registrations())
        .filter(allocation__in=allocations.values("pk"))
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values("allocation", *(f"allocation__{name}" for name in copied), "month")
        .annotate(
            registered=Sum("quota_minutes"),
            billed=Coalesce(Sum("quota_minutes", filter=billed), Value(0)),
            duration=Sum("duration_minutes"),
            on_request=Coalesce(Sum("duration_minutes", filter=on_request), Value(0)),
        )
        .values_list(
            "allocation",
            *(f"allocation__{name}" for name in copied),
            "month",
            "registered",
            "billed",
            "duration",
            "on_request",
        )
    )
    columns = ", ".join(f"{name}_id" for name in copied)
    _write(
        f"INSERT INTO {{table}} (allocation_id, {columns}, month, registered_minutes, "
        "billed_minutes, duration_minutes, request_duration_minutes) {select}",
        month_model,
        select,
    )


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def add_billed(registrations) -> None:
    """Add the quota minutes of `registrations` (a queryset: what a billing run has just
    flagged, under the psychologists' locks) to the billed minutes of their months, in one
    UPDATE … FROM that reads only those registrations. The one increment here: recounting
    the months of every allocation a batch bills cost the run of all networks 5 s."""
    flagged = (
        registrations.order_by()
        .annotate(month=TruncMonth("date"))
        .values("allocation", "month")
        .annotate(minutes=Sum("quota_minutes"))
        .values_list("allocation", "month", "minutes")
    )
    _write(
        "UPDATE {table} SET billed_minutes = {table}.billed_minutes + flagged.minutes "
        "FROM ({select}) AS flagged WHERE {table}.allocation_id = flagged.allocation "
        "AND {table}.month = flagged.month",
        AllocationMonthUsage,
        flagged,
    )


def recount_allocation(allocation_id: int) -> None:
    recount(Allocation.objects.filter(pk=allocation_id))


def follow() -> None:
    """Recount a registration's allocation whenever the registration is saved or deleted,
    and the allocations of a support request's registrations when the request is deleted:
    its registrations then lose it in one UPDATE (SET_NULL), which sends no signal, and
    their months' minutes on a request would stay counted."""

    def changed(sender, instance, **kwargs) -> None:
        recount_allocation(instance.allocation_id)

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=Registration, weak=False, dispatch_uid="allocation_usage")

    def request_leaving(sender, instance, **kwargs) -> None:
        answered = Registration.objects.filter(support_request=instance)
        instance._answered_allocations = list(answered.values_list("allocation", flat=True))

    def request_gone(sender, instance, **kwargs) -> None:
        if allocations := getattr(instance, "_answered_allocations", None):
            recount(Allocation.objects.filter(pk__in=allocations))

    request = "demand.SupportRequest"
    pre_delete.connect(request_leaving, sender=request, weak=False, dispatch_uid="usage_request")
    post_delete.connect(request_gone, sender=request, weak=False, dispatch_uid="usage_request")
