"""Writing the split back onto an article's records: page furniture dropped, ``.mention`` set on
every record, statistic claims moved aside and each figure dated (``as_of``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accord.extract.dates import STAMP_KIND
from accord.extract.furniture import furniture_line_spans
from accord.extract.mentions.split import Split, split_article
from accord.extract.mentions.units import inside, outside, units_from_sentences
from accord.extract.rules import Rule, RuleSet
from accord.models import Actor, Claim, DateMention, IncidentMention, Place, Quote


def figure_date(claim: Claim, mention: IncidentMention, dates: Sequence[DateMention],
                published: str | None) -> str | None:
    """When the figure was true (its ``as_of``): a later day its own sentence names, else the report's day.

    The incident's date is not the figure's: a toll reported the next day is as of the next day,
    which is what lets reconcile tell an update from a dispute. "By Thursday, the toll had risen
    to 27" dates the count itself, so a date in the claim's sentence after the incident's wins.
    The report's day is its publication date, else the day it gives itself (:func:`report_day`); a
    report that gives none leaves the figure undated (None), never dated by its incident.
    """
    day = published or report_day(dates)
    start, end = claim.sentence_span
    in_sentence = [d.date for d in dates if d.date and start <= d.span[0] < end and len(d.date) == 10
                   and d.kind in TEXT_DAY_KINDS]
    later = [d for d in in_sentence if mention.date and d > mention.date and (day is None or d <= day)]
    if later:
        return max(later)
    return day


#: Date kinds that say a day the report tells of (not a coming one, not the page's stamp).
TEXT_DAY_KINDS = frozenset({"absolute", "weekday", "relative"})


def report_day(dates: Sequence[DateMention]) -> str | None:
    """The day an undated report gives itself (rule ``mentions.as_of.report_day``): its first stamp (a
    dateline's date, "Updated 3 June", a page opening on its date), else the latest day its text tells of
    ("on Tuesday", "on 24 December 1999"): a report comes out on or after every day it tells of. None when
    it gives no day at all."""
    stamps = [d.date for d in dates if d.kind == STAMP_KIND and d.date and len(d.date) == 10]
    if stamps:
        return stamps[0]
    told = [d.date for d in dates if d.kind in TEXT_DAY_KINDS and d.date and len(d.date) == 10]
    return max(told, default=None)


def apply_split(split: Split, *, published: str | None, claims: list[Claim], statistics: list[Claim],
                quotes: Sequence[Quote], dates: Sequence[DateMention], places: Sequence[Place],
                actors: Sequence[Actor]) -> tuple[list[Claim], list[Claim]]:
    """Set ``.mention`` on every record and ``as_of`` on claims; return (claims, statistics)."""
    records: list[Quote | DateMention | Place | Actor] = [*quotes, *dates, *places, *actors]
    for record in records:
        span = getattr(record, "span", None)
        record.mention = split.mention_at(span[0]) if span else 0
    kept: list[Claim] = []
    moved = list(statistics)
    for claim in claims:
        claim.mention = split.mention_at(claim.span[0])
        mention = split.mentions[claim.mention]
        if mention.statistic:
            moved.append(claim)
            continue
        claim.as_of = figure_date(claim, mention, dates, published)
        kept.append(claim)
    for claim in moved:
        claim.mention = split.mention_at(claim.span[0])
        if claim.as_of is None:
            claim.as_of = published
    return kept, moved


@dataclass
class SplitRecords:
    """What the split leaves of one article's records: page furniture dropped, ``.mention`` set."""

    mentions: list[IncidentMention]
    claims: list[Claim]
    statistics: list[Claim]
    quotes: list[Quote]
    dates: list[DateMention]
    places: list[Place]
    actors: list[Actor]


#: Parts of the page that are no part of the report: each rule gives their spans (sorted, disjoint).
PAGE_RULES: RuleSet[Callable[[str], list[tuple[int, int]]]] = RuleSet("mentions.page", [
    Rule("mentions.page_furniture", furniture_line_spans),
])


def split_records(
    text: str, sentences: Sequence[tuple[int, int]], *, article: str = "", published: str | None = None,
    event_type: str | None = None, claims: Sequence[Claim] = (), statistics: Sequence[Claim] = (),
    quotes: Sequence[Quote] = (), dates: Sequence[DateMention] = (), places: Sequence[Place] = (),
    actors: Sequence[Actor] = (), disabled: frozenset[str] = frozenset(),
) -> SplitRecords:
    """Split one article (its text, sentence offsets and the records found in it) among its incidents.

    Page furniture (a rights notice, a sign-up prompt, a block of teasers) is no part of the report:
    nothing found on it is kept, and it opens no incident (:data:`PAGE_RULES`). ``disabled``: ids of
    the rules switched off.
    """
    furniture = sorted(span for rule in PAGE_RULES.active(disabled) for span in rule.function(text))
    units = [u for u in units_from_sentences(text, sentences) if not inside(furniture, u.start)]
    kept_quotes, kept_dates = outside(furniture, quotes), outside(furniture, dates)
    kept_places, kept_actors = outside(furniture, places), outside(furniture, actors)
    kept_claims = outside(furniture, claims)
    split = split_article(
        article, units, published=published, event_type=event_type,
        dates=kept_dates, places=kept_places, actors=kept_actors, claims=kept_claims, disabled=disabled)
    main_claims, moved = apply_split(
        split, published=published, claims=kept_claims, statistics=outside(furniture, statistics),
        quotes=kept_quotes, dates=kept_dates, places=kept_places, actors=kept_actors)
    return SplitRecords(mentions=split.mentions, claims=main_claims, statistics=moved, quotes=kept_quotes,
                        dates=kept_dates, places=kept_places, actors=kept_actors)
