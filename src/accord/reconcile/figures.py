"""Reconcile the claims about one incident into Figures: one per (measure, group).

The rules, in the order they apply (docs/reconciliation.md says the same for users):

1. Threats and denials are listed but never counted as figures of what happened.
2. Wire copies are not separate sources: a claim repeated by a copy of an
   article (``Article.copy_of``) is dropped in favour of the original's.
3. Each claim's source gets an identity (see :mod:`accord.reconcile.source_identity`);
   ``Figure.sources`` counts identities.
4. A subset (``Claim.scope == "subset"``: "including seven children", "two of
   them foreigners") is a part of a total: it is listed with the figure but
   never supersedes, disputes or makes an estimate while a total is there.
5. A figure is *superseded* by a later one from the same source that differs
   (a revision), by a later, higher one from the same kind of source, or by a
   later, higher one it allows from any source but the perpetrators ("at least
   12" on the first night, "27" next day). For counts that only grow (the dead,
   the injured, the freed: :data:`CUMULATIVE_MEASURES`) a higher figure of a
   later day overtakes a lower one whoever gives either (bodies are found, the
   injured die), except the perpetrators.
6. Status: ``disputed`` when two figures still standing cannot both be right
   (their intervals do not meet); else ``updated`` when a figure was
   superseded; else ``agreed``.
7. Estimates over the figures still standing, leaving out perpetrators' claims
   unless nobody else gives one. Each report's toll is its largest figure
   (:func:`report_tolls`: the smaller ones beside it are its parts or the
   earlier tolls it recounts): ``conservative`` the lowest toll, ``high`` the
   highest figure, ``consensus`` the median of each independent source's latest
   toll, among those the most sources allow (see :func:`consensus_of`);
   ``latest`` and ``latest_official`` the most recent tolls. A figure made of
   subsets alone takes its estimates from them (at least that many of that
   group), and ``Figure.scope`` says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.models import GROUPS, MEASURES, Article, Claim, Figure, Quote
from accord.reconcile.explain import explain
from accord.reconcile.intervals import allows, compatible, has_number, stated_high, stated_low, stated_point
from accord.reconcile.scope import individuals_as_parts
from accord.reconcile.source_identity import (
    SourceResolver,
    copy_root,
    kind_family,
    media_outlet,
    source_identity,
)

#: Modalities that say something happened; "threatened" and "denied" do not.
COUNTED_MODALITIES = frozenset({"reported", "claimed"})
AUTHORITY_KINDS = frozenset({"official", "security"})
#: Counts that only grow as an incident is told: a later day's higher figure is an update whoever gives
#: it. Not ``held``, ``missing`` or ``present``, which tell a state that goes down as well as up.
CUMULATIVE_MEASURES = frozenset({"killed", "injured", "arrested", "rescued", "released", "escaped"})


@dataclass(frozen=True)
class Entry:
    """A claim with what reconcile needs to know about it."""

    claim: Claim  # a copy, with outlet, as_of and source.canonical filled in
    identity: str  # independent-source key
    family: str  # kind family: authorities | perpetrator | press | witness | expert
    root: str  # the original article of its copy family
    time: tuple[str, str] | None  # (as_of, published) or None when undated
    countable: bool

    @property
    def perpetrator(self) -> bool:
        return self.family == "perpetrator"

    @property
    def subset(self) -> bool:
        return self.claim.scope == "subset"


def claim_order(claim: Claim) -> tuple:
    """Display order: as_of (undated last), article, span, then every field, so ties are stable."""
    return (
        claim.as_of is None, claim.as_of or "", claim.article, claim.span, claim.measure, claim.group,
        claim.value.low if claim.value.low is not None else -1, claim.value.high if claim.value.high is not None else -1,
        claim.hedge, claim.modality, claim.source.name, claim.source.kind, claim.source.via or "", claim.text,
        claim.id or "",
    )


def _entry_order(entry: Entry) -> tuple:
    return (entry.time is None, entry.time or ("", ""), claim_order(entry.claim))


def _when(entry: Entry) -> tuple:
    """Time order for "latest": undated claims count as the earliest."""
    return (entry.time is not None, entry.time or ("", ""))


def _published(article: Article | None) -> str:
    return article.published if article is not None and article.published else ""


def prepare(claim: Claim, articles: Mapping[str, Article], resolver: SourceResolver) -> Entry:
    """The claim with outlet, as_of and canonical source set, and its reconcile attributes."""
    article = articles.get(claim.article)
    resolved = resolver.resolve(claim.source.name, claim.source.kind, claim.article)
    identity = source_identity(claim, resolved, articles)
    canonical = resolved.canonical
    if resolved.kind == "media" and not claim.source.via:
        canonical = media_outlet(claim.source.name)
    elif not canonical:
        # The outlet's own reporting: the outlet (of the original, for a wire copy) vouches for it.
        canonical = identity.split(":", 1)[1] if identity.startswith("outlet:") else "unattributed"
    outlet = claim.outlet or (article.outlet if article is not None else None)
    as_of = claim.as_of or (_published(article)[:10] or None)
    copy = dataclasses.replace(
        claim,
        source=dataclasses.replace(claim.source, canonical=canonical, kind=resolved.kind),
        outlet=outlet,
        as_of=as_of,
    )
    time = (as_of, _published(article)) if as_of else None
    countable = copy.modality in COUNTED_MODALITIES and has_number(copy)
    return Entry(copy, identity, kind_family(resolved.kind), copy_root(claim.article, articles), time, countable)


def _signature(entry: Entry) -> tuple:
    claim = entry.claim
    return (entry.root, claim.measure, claim.group, claim.value.low, claim.value.high, claim.hedge,
            claim.modality, entry.identity)


def drop_copies(entries: Sequence[Entry]) -> list[Entry]:
    """One entry per figure per copy family: a wire copy repeating its original adds nothing."""
    kept: dict[tuple, Entry] = {}
    for entry in sorted(entries, key=_entry_order):
        kept.setdefault(_signature(entry), entry)
    return sorted(kept.values(), key=_entry_order)


def _differs(a: Claim, b: Claim) -> bool:
    return (a.value.low, a.value.high, a.hedge) != (b.value.low, b.value.high, b.hedge)


def supersedes(later: Entry, earlier: Entry) -> bool:
    """Whether ``later`` overtakes ``earlier``.

    A revision by the same source (up or down); a higher figure from the same
    kind of source (a toll that grows); a higher figure of a later day, for a
    count that only grows, or a higher figure that the earlier one allows, from
    any source but the perpetrators ("at least 12" on the first night, "27" next
    day: the later figure fills in the earlier hedge). Totals and subsets never
    overtake each other.
    """
    if later.time is None or earlier.time is None or not later.time > earlier.time:
        return False
    if later.subset != earlier.subset:
        return False  # a part never overtakes a total, nor a total a part
    if later.identity == earlier.identity:
        return _differs(later.claim, earlier.claim)
    if stated_point(later.claim) <= stated_point(earlier.claim):
        return False
    if later.family == earlier.family:
        return True
    if later.perpetrator or earlier.perpetrator:
        return False
    if later.claim.measure in CUMULATIVE_MEASURES and later.time[0][:10] > earlier.time[0][:10]:
        return True  # a toll that climbs from one day to the next
    return compatible(later.claim, earlier.claim)


def median(values: Sequence[int]) -> int:
    """The median, rounded down between the two middle values (always one of the range's integers)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) // 2


def consensus_of(latest: Sequence[Entry]) -> int:
    """The median of the sources' latest figures, among the figures the most sources allow.

    Each source's figure is a candidate; its support is the number of sources
    whose range allows it. The consensus is the median (the lower middle one,
    so that it is always a figure somebody gave) of the best-supported
    candidates: with "at least 16" and "33" both sources allow 33, so 33; with
    33, 35 and 50 each is allowed by one, so the median, 35.
    """
    candidates = [stated_point(e.claim) for e in latest]
    support = {value: sum(1 for e in latest if allows(e.claim, value)) for value in candidates}
    best = max(support.values())
    ordered = sorted(value for value in candidates if support[value] == best)
    return ordered[(len(ordered) - 1) // 2]


def latest_value(entries: Sequence[Entry]) -> int | None:
    """The most recent figure: the median of those given at the latest time (undated count as earliest)."""
    if not entries:
        return None
    last = max(_when(e) for e in entries)
    return median([stated_point(e.claim) for e in entries if _when(e) == last])


def per_source_latest(entries: Sequence[Entry]) -> dict[str, Entry]:
    """Each independent source's latest figure."""
    latest: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: (_when(e), stated_point(e.claim), _entry_order(e))):
        latest[entry.identity] = entry
    return latest


@dataclass
class Reading:
    """The intermediate result for one (measure, group), kept for the explanation."""

    entries: list[Entry]  # every claim, display order
    countable: list[Entry]  # counted claims after dropping wire copies
    standing: list[Entry]  # countable, not superseded
    superseded: list[tuple[Entry, Entry]]  # (earlier, the later entry that overtook it)
    conflicts: list[tuple[Entry, Entry]]  # standing pairs that cannot both be right
    pool: list[Entry]  # standing entries the estimates use
    excluded_perpetrator: list[Entry]  # standing perpetrator entries left out of the estimates
    tolls: list[Entry] = dataclasses.field(default_factory=list)  # each report's own toll among the pool


def read(entries: Sequence[Entry]) -> Reading:
    ordered = sorted(entries, key=_entry_order)
    countable = drop_copies([e for e in ordered if e.countable])
    superseded: list[tuple[Entry, Entry]] = []
    standing: list[Entry] = []
    for earlier in countable:
        overtaking = [later for later in countable if supersedes(later, earlier)]
        if overtaking:
            superseded.append((earlier, max(overtaking, key=_entry_order)))
        else:
            standing.append(earlier)
    # Subsets stand beside a total without contradicting it; alone, they are what there is.
    totals = [e for e in standing if not e.subset]
    measured = totals or standing
    conflicts = [
        (a, b) for i, a in enumerate(measured) for b in measured[i + 1:] if not compatible(a.claim, b.claim)
    ]
    # Conflicts between non-perpetrator sources first: they are the ones the estimates rest on.
    conflicts.sort(key=lambda pair: pair[0].perpetrator or pair[1].perpetrator)
    others = [e for e in measured if not e.perpetrator]
    pool = others or measured
    excluded = [e for e in measured if e.perpetrator] if others else []
    return Reading(ordered, countable, standing, superseded, conflicts, pool, excluded, report_tolls(pool))


def report_tolls(pool: Sequence[Entry]) -> list[Entry]:
    """Each report's own toll among ``pool``: its largest figure (rule ``reconcile.toll.report_largest``).

    A report tells one toll of a measure and group as it stands when it is written; the smaller
    figures of the same measure and group beside it are its parts ("13 in Alexandria", "seven bodies
    in a cold store", "two foreign women") or the earlier tolls it recounts ("earlier put the toll at
    23"), never a lower toll of the whole incident. A wire copy and its original are one report.

    A report whose only figure is none ("no bodies were found", "no Irish people were killed") speaks
    of somebody or somewhere in particular while another report counts some: its zero is no toll then
    (rule ``reconcile.toll.zero_part``).
    """
    largest: dict[str, int] = {}
    for entry in pool:
        largest[entry.root] = max(largest.get(entry.root, 0), stated_point(entry.claim))
    tolls = [e for e in pool if stated_point(e.claim) == largest[e.root]]
    counted = [e for e in tolls if stated_point(e.claim) > 0]
    return counted or tolls


def figure_from(measure: str, group: str, reading: Reading) -> Figure:
    pool, tolls = reading.pool, reading.tolls
    status = "disputed" if reading.conflicts else "updated" if reading.superseded else "agreed"
    if pool:
        conservative: int | None = min(stated_low(e.claim) for e in tolls)
        high: int | None = max(stated_high(e.claim) for e in pool)
        consensus: int | None = consensus_of(list(per_source_latest(tolls).values()))
    else:
        conservative = high = consensus = None
    authorities = report_tolls([e for e in pool if e.claim.source.kind in AUTHORITY_KINDS])
    figure = Figure(
        measure=measure, group=group, conservative=conservative, consensus=consensus, high=high, status=status,
        claims=[e.claim for e in reading.entries], latest=latest_value(tolls),
        latest_official=latest_value(authorities),
        sources=len({e.identity for e in reading.countable}),
        scope="subset" if pool and all(e.subset for e in pool) else "total",
    )
    figure.explanation = explain(figure, reading, voices=len(per_source_latest(tolls)))
    return figure


def _figure_order(key: tuple[str, str]) -> tuple:
    measure, group = key
    return (MEASURES.index(measure) if measure in MEASURES else len(MEASURES), measure,
            GROUPS.index(group) if group in GROUPS else len(GROUPS), group)


def reconcile_figures(claims: Sequence[Claim], articles: Mapping[str, Article], *,
                      perpetrators: Sequence[str] = (), quotes: Sequence[Quote] = ()) -> list[Figure]:
    """One Figure per (measure, group) of ``claims``, with status, estimates and an explanation.

    ``perpetrators`` (canonical names, the main one first) lets "the group" count as
    the main perpetrator;
    ``quotes`` of the same incident, when given, help name sources through their
    speakers ("he" → the police commander quoted before, so: police).
    Deterministic and independent of the order of ``claims``; the input claims
    are not modified (Figure.claims holds copies with ``outlet``, ``as_of`` and
    ``source.canonical`` filled in).
    """
    return figures_from_entries(entries_by_key(claims, articles, perpetrators=perpetrators, quotes=quotes))


def entries_by_key(claims: Sequence[Claim], articles: Mapping[str, Article], *, perpetrators: Sequence[str] = (),
                   quotes: Sequence[Quote] = (), parts: bool = True) -> dict[tuple[str, str], list[Entry]]:
    """Every claim prepared (:func:`prepare`), by (measure, group): what figures and totals read.

    A person named alone beside a numbered toll becomes a part of it (:mod:`accord.reconcile.scope`),
    unless ``parts`` is False (totals decide that after leaving out the reports they do not believe).
    """
    speakers = [(quote.article, quote.speaker) for quote in quotes if quote.speaker is not None]
    resolver = SourceResolver(perpetrators, speakers, names=[claim.source.name for claim in claims])
    by_key: dict[tuple[str, str], list[Entry]] = {}
    for claim in claims:
        by_key.setdefault((claim.measure, claim.group), []).append(prepare(claim, articles, resolver))
    return individuals_as_parts(by_key) if parts else by_key


def figures_from_entries(by_key: Mapping[tuple[str, str], Sequence[Entry]]) -> list[Figure]:
    """One Figure per (measure, group), in display order."""
    return [figure_from(*key, read(by_key[key])) for key in sorted(by_key, key=_figure_order)]


__all__ = ["reconcile_figures", "entries_by_key", "figures_from_entries", "Entry", "Reading", "prepare", "read",
           "supersedes", "median", "CUMULATIVE_MEASURES"]
