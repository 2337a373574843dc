"""The benchmark's one table: figures per tool, ratios, and the issue's targets with a verdict.

Nothing here measures: ``run.py`` hands over lists of figures (one per timed run) and gets back
Markdown. A figure is quoted as ``median (min–max)``. A ratio is taken pair by pair when the
runs alternated tool by tool (so a machine that drifts in speed cancels out), else as the ratio
of the medians. A target only says whether the measured value is within it: the exit status of
the benchmark never depends on speed.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

MIB = 1024 * 1024
TOOLS = ("ours", "vanilla", "hugo")

#: The issue's targets at 10,000 entries.
COLD_LIMIT = 0.5  # our cold build, against vanilla Pelican's cold build
WARM_LIMIT = 0.1  # our build after a one-entry change, against vanilla Pelican's COLD build
PREVIEW_LIMIT = 1.0  # our preview's edit-to-reload, against `hugo server`'s
MEMORY_LIMIT_MB = 600  # our peak memory, in MB (10^6 bytes)


@dataclass(frozen=True)
class Target:
    """A goal: ``measured`` must be at most ``limit``; None when it could not be measured."""

    goal: str
    limit: float
    measured: float | None
    unit: str = "×"

    @property
    def met(self) -> bool | None:
        """Whether the goal is met; None when nothing was measured."""
        return None if self.measured is None else self.measured <= self.limit

    def verdict(self) -> str:
        """``met: 0.42×`` or ``not met: 3.10×``, the measured value always shown."""
        if self.measured is None:
            return "not measured"
        return f"{'met' if self.met else 'not met'}: {show(self.measured, self.unit)}"


def show(value: float, unit: str) -> str:
    """Show a ratio as ``0.42×``, a memory as ``575 MiB``."""
    return f"{value:.2f}×" if unit == "×" else f"{value:.0f}{unit}"


@dataclass
class Row:
    """One metric of one scenario: a list of figures per tool (empty when not measured)."""

    scenario: str
    metric: str
    values: dict[str, list[float]] = field(default_factory=dict)
    digits: int = 2
    paired: bool = True
    target: Target | None = None

    def of(self, tool: str) -> list[float]:
        """Give one tool's figures, or none."""
        return self.values.get(tool, [])


def summary(values: list[float], digits: int, unit: str = "") -> str:
    """``median (min–max)``, the median alone for one figure, a dash for none."""
    if not values:
        return "–"
    median = f"{statistics.median(values):.{digits}f}{unit}"
    if len(values) == 1:
        return median
    return f"{median} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratios(ours: list[float], other: list[float], paired: bool) -> list[float]:
    """Ours over the other: pair by pair if the runs alternated, else the medians' ratio."""
    if not ours or not other:
        return []
    if paired and len(ours) == len(other):
        return [a / b for a, b in zip(ours, other, strict=True) if b > 0]
    bottom = statistics.median(other)
    return [statistics.median(ours) / bottom] if bottom > 0 else []


def median_ratio(ours: list[float], other: list[float], paired: bool = True) -> float | None:
    """Give the ratio a target is judged on: the median of :func:`ratios`."""
    found = ratios(ours, other, paired)
    return statistics.median(found) if found else None


def ratio_cell(found: list[float]) -> str:
    """``0.42× (0.40–0.45)``, one ratio alone, or a dash."""
    return summary(found, 2, "×")


def cold_target(ours_wall: list[float], vanilla_wall: list[float]) -> Target:
    """Our cold build at most half of vanilla Pelican's, pair by pair."""
    measured = median_ratio(ours_wall, vanilla_wall)
    return Target(f"≤ {COLD_LIMIT}× vanilla cold", COLD_LIMIT, measured)


def warm_target(ours_warm_wall: list[float], vanilla_cold_wall: list[float]) -> Target:
    """Our one-entry rebuild at most a tenth of vanilla Pelican's cold build (other runs)."""
    measured = median_ratio(ours_warm_wall, vanilla_cold_wall, paired=False)
    return Target(f"≤ {WARM_LIMIT}× vanilla cold", WARM_LIMIT, measured)


def preview_target(ours_seconds: list[float], hugo_seconds: list[float]) -> Target:
    """Our edit-to-reload no slower than ``hugo server``'s (servers measured one at a time)."""
    measured = median_ratio(ours_seconds, hugo_seconds, paired=False)
    return Target(f"≤ {PREVIEW_LIMIT}× hugo server", PREVIEW_LIMIT, measured)


def memory_target(ours_peaks_mib: list[float]) -> Target:
    """Our largest peak resident memory, in any run, within 600 MB."""
    limit = MEMORY_LIMIT_MB * 1_000_000 / MIB
    measured = max(ours_peaks_mib) if ours_peaks_mib else None
    return Target(f"≤ {MEMORY_LIMIT_MB} MB ({limit:.0f} MiB)", limit, measured, " MiB")


HEADER = (
    "scenario",
    "metric",
    "ours",
    "vanilla",
    "hugo",
    "ours÷vanilla",
    "ours÷hugo",
    "target",
    "result",
)


def cells(row: Row, first_of_scenario: bool) -> list[str]:
    """One row of the table; the scenario is named on its first row only."""
    ours = row.of("ours")
    return [
        row.scenario if first_of_scenario else "",
        row.metric,
        *(summary(row.of(tool), row.digits) for tool in TOOLS),
        ratio_cell(ratios(ours, row.of("vanilla"), row.paired)),
        ratio_cell(ratios(ours, row.of("hugo"), row.paired)),
        row.target.goal if row.target else "",
        row.target.verdict() if row.target else "",
    ]


def markdown_table(rows: list[Row]) -> list[str]:
    """Lay out the rows as a Markdown table whose columns also line up as plain text."""
    grid = [list(HEADER)]
    previous = None
    for row in rows:
        grid.append(cells(row, row.scenario != previous))
        previous = row.scenario
    widths = [max(len(line[i]) for line in grid) for i in range(len(HEADER))]
    numeric = range(2, 7)  # figures and ratios are right-aligned

    def line(values: list[str]) -> str:
        padded = (
            value.rjust(width) if i in numeric else value.ljust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if i in numeric else "-" * w for i, w in enumerate(widths)]
    return [line(grid[0]), line(rule), *(line(values) for values in grid[1:])]
