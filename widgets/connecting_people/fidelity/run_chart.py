"""Run-chart rules for a team's audit scores over time: is a change more than noise?

A team that repeats its self-audit wants to know whether its score has really
moved or is wobbling by chance. The run chart answers that with a median line
and four rules from Perla, Provost and Murray (2011), "The run chart: a simple
analytical tool for learning from variation in healthcare processes", BMJ
Quality & Safety 20(1):46-51:

- **Shift**: six or more consecutive points all above or all below the
  median. Points on the median neither break a shift nor count towards it.
- **Trend**: five or more consecutive points all going up or all going down.
  When neighbouring points are equal, the repeats neither break a trend nor
  count towards it.
- **Too few or too many runs**: a run is a series of points on one side of
  the median (points on it are skipped). Too few or too many runs for the
  number of points not on the median is a signal. Perla and colleagues give
  limits in their Table 1, from Swed and Eisenhart (1943), at about a 5%
  risk; ``RUNS_LIMITS`` holds the exact 5% limits instead (see the comment
  there for how they differ from copies of that table). The rule is used
  from 10 such points.
- **Astronomical point**: a point everyone would agree is very different. The
  paper leaves it to judgement, so this module only says to look for one.

Scores are whole tenths (34 means 3.4), as everywhere in the self-audit, so
Python and ``run_chart.js`` agree exactly; the median can be a half tenth.
The parity test runs both on ``tests/js/run_chart_cases.json``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from connecting_people.common.dates import uk_date
from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.model import Audit
from connecting_people.fidelity.rules import is_score, round_half_up_tenths

SOURCE = ("Perla RJ, Provost LP, Murray SK (2011). The run chart: a simple analytical tool "
          "for learning from variation in healthcare processes. BMJ Quality & Safety "
          "20(1):46-51.")
SHIFT_POINTS = 6
TREND_POINTS = 5
RUNS_MIN_USEFUL = 10
THRESHOLD_BAND = "mostly"  # the threshold line is where "Mostly implemented" starts

# Number of points not on the median -> (fewest runs, most runs) that chance
# alone gives: fewer runs than the first number, or more than the second, is a
# signal. These are computed from Swed and Eisenhart's (1943) exact
# distribution of runs, with the points split as evenly as they can be about
# the median and 2.5% in each tail (5% in all);
# tests/unit/test_fidelity_run_chart.py recomputes every row with exact
# fractions. Perla and colleagues' Table 1 covers the same 10 to 60 points at
# "about" 5%, from Swed and Eisenhart's tables. Copies of that table in
# circulation agree with these limits at some sizes (10, 13 to 16 and 40
# points) and are up to one run wider at each end at others (20 points: 6 to
# 16 there, 7 to 15 here), so this chart can call a runs signal that such a
# copy would not. The printed table could not be checked here; until it is,
# the book states the rule and its source but quotes no row, and the runs
# finding says "chance gives", which is true of these exact limits.
RUNS_LIMITS: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (4, 9), 12: (4, 10), 13: (4, 11), 14: (4, 12), 15: (5, 12), 16: (5, 13),
    17: (6, 13), 18: (6, 14), 19: (6, 15), 20: (7, 15), 21: (7, 16), 22: (8, 16), 23: (8, 17),
    24: (8, 18), 25: (9, 18), 26: (9, 19), 27: (10, 19), 28: (10, 20), 29: (10, 21),
    30: (11, 21), 31: (11, 22), 32: (12, 22), 33: (12, 23), 34: (12, 24), 35: (13, 24),
    36: (13, 25), 37: (14, 25), 38: (14, 26), 39: (14, 26), 40: (15, 27), 41: (15, 28),
    42: (16, 28), 43: (16, 29), 44: (17, 29), 45: (17, 30), 46: (17, 31), 47: (18, 31),
    48: (18, 32), 49: (19, 32), 50: (19, 33), 51: (20, 33), 52: (20, 34), 53: (20, 35),
    54: (21, 35), 55: (21, 36), 56: (22, 36), 57: (22, 37), 58: (23, 37), 59: (23, 38),
    60: (24, 38),
}

TOO_FEW = "too few audits to tell yet"


@dataclass(frozen=True)
class Finding:
    rule: str  # shift, trend, runs, astronomical
    status: str  # signal, none, too_few, note
    sentence: str
    start: int | None = None  # positions in the series (0 is the oldest audit)
    end: int | None = None
    direction: str | None = None  # above/below for a shift, up/down for a trend

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RunAnalysis:
    points: int
    median: float | None  # in tenths; None with no points
    useful: int  # points not on the median
    runs: int | None  # None with no useful points
    findings: tuple[Finding, ...]

    @property
    def signals(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "signal")

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "median": self.median, "useful": self.useful,
                "runs": self.runs, "findings": [f.to_dict() for f in self.findings]}


def median_tenths(values: Sequence[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def median_text(median: float) -> str:
    """3.45 for a median of 34.5 tenths."""
    whole = int(median)
    text = format_tenths(whole)
    return text + "5" if median != whole else text  # 34.5 tenths reads 3.45


def _span(labels: Sequence[str] | None, start: int, end: int) -> str:
    where = f"audits {start + 1} to {end + 1}"
    return f"{where} ({labels[start]} to {labels[end]})" if labels else where


def _shifts(values: Sequence[int], median: float,
            labels: Sequence[str] | None) -> list[Finding]:
    found: list[Finding] = []
    side, count, start, last = 0, 0, 0, 0

    def close() -> None:
        if count >= SHIFT_POINTS:
            where = "above" if side > 0 else "below"
            found.append(Finding(
                "shift", "signal",
                f"Shift: {_span(labels, start, last)} are all {where} the median, "
                f"{count} in a row. Six or more in a row on one side is more than chance.",
                start, last, where))

    for index, value in enumerate(values):
        if value == median:
            continue  # on the median: neither breaks the run nor counts
        this = 1 if value > median else -1
        if this != side:
            close()
            side, count, start = this, 0, index
        count += 1
        last = index
    close()
    return found


def _trends(values: Sequence[int], labels: Sequence[str] | None) -> list[Finding]:
    # Collapse repeats: equal neighbours neither break a trend nor count.
    kept = [index for index, value in enumerate(values)
            if index == 0 or value != values[index - 1]]
    found: list[Finding] = []
    begin = 0  # position in ``kept`` where the current run of steps starts
    step = 0
    for position in range(1, len(kept) + 1):
        this = 0
        if position < len(kept):
            this = 1 if values[kept[position]] > values[kept[position - 1]] else -1
        if this != step:
            length = position - begin  # points in the run ending at kept[position - 1]
            if step and length >= TREND_POINTS:
                where = "up" if step > 0 else "down"
                start, end = kept[begin], kept[position - 1]
                found.append(Finding(
                    "trend", "signal",
                    f"Trend: {_span(labels, start, end)} go {where} every time, "
                    f"{length} points in a row. Five or more is more than chance.",
                    start, end, where))
            begin, step = position - 1, this
    return found


def analyse(values: Sequence[int], labels: Sequence[str] | None = None) -> RunAnalysis:
    """The run-chart rules over scores in tenths, oldest first; ``labels`` name each point."""
    values = list(values)
    labels = list(labels) if labels else None
    if labels is not None and len(labels) != len(values):
        raise ValueError("Give one label for each point.")
    if not values:
        return RunAnalysis(0, None, 0, None, (
            Finding("shift", "too_few", f"No audits with a score yet: {TOO_FEW}."),))
    median = median_tenths(values)
    sides = [1 if v > median else -1 for v in values if v != median]
    useful = len(sides)
    runs = 1 + sum(1 for a, b in zip(sides, sides[1:], strict=False) if a != b) if sides else None
    findings: list[Finding] = []

    if useful < SHIFT_POINTS:
        findings.append(Finding(
            "shift", "too_few",
            f"Shift: {useful} of {len(values)} audits are off the median and a shift needs "
            f"{SHIFT_POINTS}: {TOO_FEW}."))
    else:
        findings.extend(_shifts(values, median, labels) or [Finding(
            "shift", "none", "Shift: no six audits in a row are all above or all below "
            "the median.")])

    if len(values) < TREND_POINTS:
        findings.append(Finding(
            "trend", "too_few",
            f"Trend: {len(values)} audits and a trend needs {TREND_POINTS}: {TOO_FEW}."))
    else:
        findings.extend(_trends(values, labels) or [Finding(
            "trend", "none", "Trend: no five audits in a row all go up or all go down.")])

    if useful < RUNS_MIN_USEFUL:
        findings.append(Finding(
            "runs", "too_few",
            f"Runs: {useful} audits are off the median and counting runs needs "
            f"{RUNS_MIN_USEFUL}: {TOO_FEW}."))
    elif useful not in RUNS_LIMITS:
        findings.append(Finding(
            "runs", "too_few",
            f"Runs: {useful} audits off the median is more than the published table "
            "covers (60), so runs are not counted."))
    else:
        low, high = RUNS_LIMITS[useful]
        if runs < low:
            findings.append(Finding(
                "runs", "signal",
                f"Too few runs: {runs} runs where chance gives {low} to {high} for "
                f"{useful} audits off the median. The scores stay on one side too long.",
                direction="few"))
        elif runs > high:
            findings.append(Finding(
                "runs", "signal",
                f"Too many runs: {runs} runs where chance gives {low} to {high} for "
                f"{useful} audits off the median. The scores flip from side to side too often.",
                direction="many"))
        else:
            findings.append(Finding(
                "runs", "none",
                f"Runs: {runs} runs, within the {low} to {high} that chance gives for "
                f"{useful} audits off the median."))

    findings.append(Finding(
        "astronomical", "note",
        "Astronomical point: no rule finds one. Look for an audit that everyone would "
        "agree is very different from the rest, and ask what happened then."))
    return RunAnalysis(len(values), median, useful, runs, tuple(findings))


# ------------------------------------------------------- a team's series
@dataclass(frozen=True)
class Series:
    id: str  # "total" or a domain id
    label: str
    dates: tuple[date, ...]  # only the audits that have a score for this series
    tenths: tuple[int, ...]
    analysis: RunAnalysis


def threshold_tenths(checklist: Checklist) -> int:
    """The threshold line: the start of the "Mostly implemented" band, from the checklist file."""
    return checklist.band(THRESHOLD_BAND).from_tenths


def _tenths(answers: Mapping[str, int | None], item_ids: Sequence[str]) -> int | None:
    # The score ``rules.score_audit`` gives a scope, without the rest of its
    # work (bands, ranking, the plan): a lead's overview scores every audit.
    rated = [answers[i] for i in item_ids if is_score(answers.get(i))]
    return round_half_up_tenths(sum(rated), len(rated)) if rated else None


def make_series(scope_id: str, label: str, pairs: list[tuple[date, int | None]]) -> Series:
    """A series from (date, tenths or None) pairs, oldest first, with its run rules applied."""
    kept = [(day, tenths) for day, tenths in pairs if tenths is not None]
    dates = tuple(day for day, _ in kept)
    values = tuple(tenths for _, tenths in kept)
    return Series(scope_id, label, dates, values, analyse(values, [uk_date(d) for d in dates]))


def _oldest_first(audits: Sequence[Audit]) -> list[Audit]:
    # A stable sort by day: two audits on one day keep the order they came in,
    # which from the store is the order they were saved, so the last point is
    # the audit the team page calls latest (``run_chart_data`` reads the same
    # order). Files carry no saved time: the static page orders them by id.
    return sorted(audits, key=lambda a: a.date)


def team_series(checklist: Checklist, audits: Sequence[Audit]) -> list[Series]:
    """The whole-audit score and each domain's score over a team's audits, oldest first.

    An audit with no score for a series (nothing rated there) is left out of
    that series, not drawn as zero.
    """
    ordered = _oldest_first(audits)
    scopes = [("total", "Whole audit", checklist.item_ids)] + [
        (d.id, d.short, d.item_ids) for d in checklist.domains]
    return [make_series(scope_id, label, [(a.date, _tenths(a.answers, ids)) for a in ordered])
            for scope_id, label, ids in scopes]


def total_series(checklist: Checklist, audits: Sequence[Audit]) -> Series:
    """Only the whole-audit series: what the lead's overview charts for each team."""
    ids = checklist.item_ids
    return make_series("total", "Whole audit",
                   [(a.date, _tenths(a.answers, ids)) for a in _oldest_first(audits)])
