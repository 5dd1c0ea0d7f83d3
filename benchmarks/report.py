"""Figures with their targets, timing statistics, machine info and the printed table.

Plain Python (no Django): run.py and the measurement modules build `Figure`s here.
"""

import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda value, limit: value < limit,
    "<=": lambda value, limit: value <= limit,
    ">=": lambda value, limit: value >= limit,
}


@dataclass
class Target:
    op: str
    limit: float

    def holds(self, value: float) -> bool:
        return OPERATORS[self.op](value, self.limit)

    def __str__(self) -> str:
        return f"{self.op} {self.limit:g}"


@dataclass
class Figure:
    """One measured figure: its value, the target it must meet and its floor, if any."""

    key: str
    label: str
    value: float
    unit: str
    target: Target | None = None
    # The same thing done the cheapest possible way (raw SQL, a trivial view) and the
    # target on value / floor.
    floor: float | None = None
    ratio_target: Target | None = None
    details: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def passed(self) -> bool | None:
        checks = []
        if self.target is not None:
            checks.append(self.target.holds(self.value))
        if self.ratio_target is not None and self.ratio is not None:
            checks.append(self.ratio_target.holds(self.ratio))
        return all(checks) if checks else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["target"] = str(self.target) if self.target else None
        data["ratio_target"] = str(self.ratio_target) if self.ratio_target else None
        data["ratio"] = None if self.ratio is None else round(self.ratio, 4)
        data["passed"] = self.passed
        return data


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 3),
        "p95_ms": round(percentile(ms, 0.95), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "max_ms": round(max(ms), 3),
    }


class Stopwatch:
    """`with Stopwatch() as w: ...` then `w.seconds`."""

    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return ""


def machine_info(postgres_version: str) -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count()
    return {
        "nproc": cores,
        "cpu_model": cpu,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "postgresql": postgres_version,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
    }


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer() and abs(value) < 1e6:
        return f"{int(value):,}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if value < 1 else f"{value:.2f}"


def table(figures: list[Figure], *, enforce: bool) -> str:
    """A readable fixed-width table of every figure."""
    rows = [("Figure", "Value", "Target", "Floor", "Ratio (target)", "Result")]
    for f in figures:
        ratio = "–"
        if f.ratio is not None:
            ratio = _fmt(f.ratio) + (f" ({f.ratio_target})" if f.ratio_target else "")
        if f.passed is None:
            result = "info"
        elif not enforce:
            result = "ok" if f.passed else "(missed)"
        else:
            result = "PASS" if f.passed else "FAIL"
        rows.append(
            (
                f.label,
                f"{_fmt(f.value)} {f.unit}",
                f"{f.target} {f.unit}" if f.target else "–",
                f"{_fmt(f.floor)} {f.unit}" if f.floor is not None else "–",
                ratio,
                result,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
