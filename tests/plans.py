"""How many rows of a table the SQL of a page reads, from PostgreSQL's own plan.

A page that must read only its network's rows is proved by EXPLAIN ANALYZE of the queries
it ran, not by a clock: `rows_read(queries, table)` sums, over every plan node that scans
`table`, the rows it returned and those its filter threw away, across all loops; with
`alias`, only the nodes that scan it under that name (a query joining a table to itself).
"""

from django.db import connection


def analyze(*tables: str) -> None:
    """Fresh planner statistics, as autovacuum keeps them in production."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _scanned(node: dict, table: str, alias: str | None) -> int:
    rows = 0
    if node.get("Relation Name") == table and alias in (None, node.get("Alias")):
        loops = node.get("Actual Loops", 1)
        rows += (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
    return rows + sum(_scanned(child, table, alias) for child in node.get("Plans", []))


def _plans(queries, table: str):
    """The executed plan of each SELECT among `queries` (CaptureQueriesContext's) that
    names `table`."""
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or f'"{table}"' not in sql:
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            yield cursor.fetchone()[0][0]["Plan"]


def rows_read(queries, table: str, alias: str | None = None) -> int:
    """Rows of `table` read by the SELECTs among `queries`."""
    return sum(_scanned(plan, table, alias) for plan in _plans(queries, table))
