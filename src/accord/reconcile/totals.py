"""Totals: everybody of one measure in an incident, across groups (killed in all, injured in all).

A figure answers "how many soldiers were killed?"; a total answers "how many people were killed?",
which is what a coder writes in a fatalities column. Sources often say it outright ("29 people were
killed, including 10 militants"); often they only break it down ("10 policemen were martyred and three
attackers killed"). So a total is read report by report, then reconciled across reports:

1. Per report (a wire copy and its original are one report), for each measure, from the claims it
   offers as totals (``scope`` not ``subset``) that count what happened (not threats or denials):
   its count of everybody is its largest ``all`` figure (*stated*); the sum of its largest figure of
   each group (*summed*) when it states none, or when its groups add up to more than it states (the
   stated count then left somebody out: "two people were shot" and "the gunman was shot dead" by
   the police). The perpetrators' own counts are left out while anybody else gives one. A report that
   counts one group alone and states no count of everybody is left out where other reports state one.
2. Across reports, the reports' counts are reconciled as a figure's claims are
   (:mod:`accord.reconcile.figures`): a later day's higher count overtakes a lower one for counts that
   only grow, and the conservative, consensus and high estimates come from the counts still
   standing, each report one voice.

``Total.derivation`` says whether the counts standing were stated, summed, or both; ``groups`` which
groups were added up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.models import GROUPS, MEASURES, Claim, Interval, Total
from accord.reconcile.casualties import (
    HIT_MEASURES,
    ReportHit,
    not_outliers,
    report_entries,
    still_injured,
    with_floors,
)
from accord.reconcile.figures import Entry, consensus_of, per_source_latest, read
from accord.reconcile.intervals import stated_high, stated_low, stated_point
from accord.reconcile.scope import individuals_as_parts

#: The groups a count of everybody is made of (each person in one of them).
PART_GROUPS: tuple[str, ...] = tuple(group for group in GROUPS if group != "all")


@dataclass
class _ReportCount:
    """One report's count of everybody for one measure, and what it rests on."""

    entry: Entry  # a made-up claim carrying the count, with the report's time and identity
    stated: bool
    groups: tuple[str, ...]
    overrides_stated: bool = False  # summed, above a count of everybody the report also states


def _largest(entries: Sequence[Entry]) -> Entry | None:
    """The report's current figure: its largest (tolls grow; an earlier lower one is history)."""
    return max(entries, key=lambda e: (stated_point(e.claim), e.time or ("", "")), default=None)


def _summed_claim(parts: Sequence[Entry]) -> Claim:
    low = sum(stated_low(e.claim) for e in parts)
    high = sum(stated_high(e.claim) for e in parts)
    open_ended = any(e.claim.hedge == "at_least" for e in parts)
    exact = all(e.claim.hedge == "exact" for e in parts)
    hedge = "exact" if exact else "at_least" if open_ended else "range" if low != high else "about"
    first = parts[0].claim
    names = " + ".join(e.claim.text for e in parts)
    return dataclasses.replace(first, group="all", value=Interval(low, None if open_ended else high), hedge=hedge,
                               text=names, scope="total")


def _report_count(entries: Sequence[Entry]) -> _ReportCount | None:
    """One report's count of everybody, from its entries of one measure (all groups)."""
    stated = _largest([e for e in entries if e.claim.group == "all"])
    parts = [found for group in PART_GROUPS
             if (found := _largest([e for e in entries if e.claim.group == group])) is not None]
    summed_point = sum(stated_point(e.claim) for e in parts)
    if stated is not None and stated_point(stated.claim) >= summed_point:
        return _ReportCount(stated, True, ("all",))
    if not parts:
        return None
    if len(parts) == 1:
        claim = dataclasses.replace(parts[0].claim, group="all")
    else:
        claim = _summed_claim(parts)
    latest = max(parts, key=lambda e: e.time or ("", ""))
    entry = dataclasses.replace(latest, claim=claim)
    return _ReportCount(entry, False, tuple(e.claim.group for e in parts), overrides_stated=stated is not None)


def _counted(entries: Sequence[Entry]) -> list[Entry]:
    """The entries a total rests on: counted totals, the perpetrators' only if nobody else counts."""
    counted = [e for e in entries if e.countable and not e.subset]
    others = [e for e in counted if not e.perpetrator]
    return others or counted


def _reports(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    by_report: dict[str, list[Entry]] = {}
    for entry in entries:
        by_report.setdefault(entry.root, []).append(entry)
    return by_report


def _report_counts(entries: Sequence[Entry]) -> list[_ReportCount]:
    """Each report's count of everybody of one measure, from its entries (every group)."""
    by_report = _reports(_counted(entries))
    return [count for report in sorted(by_report) if (count := _report_count(by_report[report])) is not None]


def _point(count: _ReportCount | None) -> int:
    return stated_point(count.entry.claim) if count is not None else 0


def _moved(count: _ReportCount | None, value: int, floor: Entry | None) -> _ReportCount | None:
    """A report's count moved to ``value`` by a casualty rule (its hedge kept); None when nobody is left."""
    if value <= 0:
        return None
    if count is None:
        # only an ordinal counts them ("a fifth victim was wounded"): at least that many
        if floor is None:
            return None
        claim = dataclasses.replace(floor.claim, group="all", value=Interval(value, None), hedge="at_least")
        return _ReportCount(dataclasses.replace(floor, claim=claim), True, ("all",))
    claim = count.entry.claim
    shift = value - _point(count)
    if not shift:
        return count
    low = None if claim.value.low is None else max(claim.value.low + shift, 0)
    high = None if claim.value.high is None else max(claim.value.high + shift, 0)
    return dataclasses.replace(count, entry=dataclasses.replace(count.entry, claim=dataclasses.replace(
        claim, value=Interval(low, high))))


def _day(count: _ReportCount | None) -> str:
    return count.entry.time[0][:10] if count is not None and count.entry.time else ""


def _report_hits(killed: Sequence[Entry], injured: Sequence[Entry],
                 ) -> tuple[dict[str, dict[str, _ReportCount | None]], dict[str, ReportHit]]:
    """Each report's counts of the killed and the injured, each person hit counted once
    (:mod:`accord.reconcile.casualties`), as counts and as numbers."""
    by_report = _reports([*_counted(killed), *_counted(injured)])
    parts = _reports([e for e in (*killed, *injured) if e.countable and e.subset])
    found: dict[str, dict[str, _ReportCount | None]] = {}
    hits: dict[str, ReportHit] = {}
    for report in sorted(by_report):
        entries, floors = report_entries(by_report[report], parts.get(report, []))
        counts = {m: _report_count([e for e in entries if e.claim.measure == m]) for m in HIT_MEASURES}
        points = (_point(counts["killed"]), _point(counts["injured"]))
        dead, hurt = with_floors(*points, floors)
        counts = {"killed": _moved(counts["killed"], dead, floors.killed_entry),
                  "injured": _moved(counts["injured"], hurt, floors.hit_entry)}
        # an ordinal above a report's count ("a third man died") speaks of everybody
        counts = {m: dataclasses.replace(count, stated=True) if count is not None and value > point else count
                  for (m, count), value, point in zip(counts.items(), (dead, hurt), points, strict=True)}
        found[report] = counts
        hits[report] = ReportHit(dead, hurt, max(_day(counts["killed"]), _day(counts["injured"])))
    return found, hits


def _believed(by_key: Mapping[tuple[str, str], Sequence[Entry]]) -> dict[tuple[str, str], list[Entry]]:
    """``by_key`` without the killed and injured claims of reports whose counts dwarf the others'
    (rule ``reconcile.hit.outlier``), each report's people counted as it tells them (one named alone too)."""
    entries = {m: [e for (measure, _), found in by_key.items() if measure == m for e in found] for m in HIT_MEASURES}
    _, hits = _report_hits(entries["killed"], entries["injured"])
    believed = not_outliers(hits)
    return {key: [e for e in found if key[0] not in HIT_MEASURES or e.root in believed or e.root not in hits]
            for key, found in by_key.items()}


def _hit_counts(killed: Sequence[Entry], injured: Sequence[Entry]) -> dict[str, list[_ReportCount]]:
    """Each report's count of the killed and of the injured, less the injured who died after it."""
    found, hits = _report_hits(killed, injured)
    left = still_injured(hits)
    out: dict[str, list[_ReportCount]] = {m: [] for m in HIT_MEASURES}
    for report in sorted(found):
        if (dead_count := found[report]["killed"]) is not None:
            out["killed"].append(dead_count)
        if (hurt_count := _moved(found[report]["injured"], left[report], None)) is not None:
            out["injured"].append(hurt_count)
    return out


def total_of(measure: str, counts: Sequence[_ReportCount]) -> Total | None:
    """The total of one measure from its reports' counts, or None when nothing counts it."""
    if any(c.stated for c in counts):
        # A report that counts one group alone ("31 attackers were killed") says nothing of everybody
        # while other reports state it; a breakdown into several groups may well be everybody.
        counts = [c for c in counts if c.stated or c.overrides_stated or len(c.groups) > 1]
    if not counts:
        return None
    # Each report is one voice: its count takes the report as its identity.
    voices = [dataclasses.replace(c.entry, identity=f"report:{c.entry.root}") for c in counts]
    of_entry = {id(voice): count for voice, count in zip(voices, counts, strict=True)}
    reading = read(voices)
    pool = reading.pool
    conservative = min(stated_low(e.claim) for e in pool)
    high = max(stated_high(e.claim) for e in pool)
    consensus = consensus_of(list(per_source_latest(pool).values()))
    standing = [of_entry[id(e)] for e in pool]
    stated_count = sum(1 for c in standing if c.stated)
    derivation = ("stated" if stated_count == len(standing) else "summed" if not stated_count
                  else "stated and summed")
    groups = sorted({g for c in standing if not c.stated for g in c.groups}, key=PART_GROUPS.index)
    return Total(measure=measure, conservative=conservative, consensus=consensus, high=high, derivation=derivation,
                 groups=groups, reports=len(counts),
                 explanation=_explain(measure, derivation, groups, len(counts), len(reading.superseded)))


def _explain(measure: str, derivation: str, groups: Sequence[str], reports: int, overtaken: int) -> str:
    voices = "one report" if reports == 1 else f"{reports} reports"
    parts = f"the {groups[0]} figure taken" if len(groups) == 1 else f"the {' + '.join(groups)} figures added up"
    how = {"stated": f"{measure} in all as {voices} state it",
           "summed": f"no report states {measure} in all: {parts}",
           "stated and summed": f"{measure} in all as some of {voices} state it; for the others {parts}",
           }[derivation]
    later = f"; {overtaken} earlier count(s) overtaken by later, higher ones" if overtaken else ""
    return f"{how[0].upper()}{how[1:]}{later}."


def reconcile_totals(by_key: Mapping[tuple[str, str], Sequence[Entry]]) -> dict[str, Total]:
    """One Total per measure that any claim counts, in the order of MEASURES.

    ``by_key`` as :func:`accord.reconcile.figures.entries_by_key` gives it with ``parts=False``: a
    person named alone becomes a part of a numbered toll (:func:`accord.reconcile.scope.individuals_as_parts`)
    here, once the reports not believed are left out, and a lone attacker only of a count of the attackers.
    """
    by_measure: dict[str, list[Entry]] = {}
    for (measure, _group), entries in individuals_as_parts(_believed(by_key), attackers_apart=True).items():
        by_measure.setdefault(measure, []).extend(entries)
    counts = {measure: _report_counts(entries) for measure, entries in by_measure.items() if measure not in HIT_MEASURES}
    if any(measure in by_measure for measure in HIT_MEASURES):
        hit = _hit_counts(by_measure.get("killed", []), by_measure.get("injured", []))
        counts.update({measure: hit[measure] for measure in HIT_MEASURES if measure in by_measure})
    order = {m: i for i, m in enumerate(MEASURES)}
    totals: dict[str, Total] = {}
    for measure in sorted(counts, key=lambda m: (order.get(m, len(order)), m)):
        total = total_of(measure, counts[measure])
        if total is not None:
            totals[measure] = total
    return totals


__all__ = ["reconcile_totals", "total_of", "PART_GROUPS"]
