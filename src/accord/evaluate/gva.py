"""GVA evaluation: killed and injured per shooting incident, as the Gun Violence Archive counts them.

Input: a JSON-lines file of incidents (``gva-dev/incidents.jsonl`` format: one
incident per line with its ``documents``; ``killed``/``injured`` gold counts
optional). All documents of all incidents go through one spaCy pass
(:meth:`Extractor.extract_many`); each incident's counts are then combined from
its documents' claims::

    per document   the claims of its main incident, or for a round-up ("six shot in three separate
                   incidents") of the incident it tells with the largest count;
                   killed = max(largest killed claim about unspecified people,
                                largest about a victim group + largest about attackers,
                                one killed by the police being an attacker)
                   likewise injured; only claims of that incident that are
                   reported or claimed (not threatened or denied); an injured
                   claim that speaks again of someone ("he", "the child", a name) in a
                   document reporting a death is that death, not a second victim (but a
                   name no claim of the named dead carries is somebody else), and a
                   count naming one of the dead ("five, including Duhart, were injured")
                   counts him once; an ordinal ("a fifth victim") bounds everybody hit
                   from below, and the killed when it died ("a third man died", who was
                   one of the injured the document counted)
    per incident   reports whose counts dwarf what the other reports agree on are left out
                   (a roundup or a related story's toll let in; see _not_outliers)
                   killed = largest document total killed (a later report may add a death)
                   injured = with one person hit at most: everybody hit - killed;
                             with several: the largest document injured count, less
                             the deaths reported by later documents that it did not
                             count (a victim who died later is not also injured)

GVA counts everybody killed or injured, victims and suspects alike; nobody
mentioned is 0. Metrics, when gold is present: exact-match accuracy, mean
absolute error and accuracy within one, overall and on incidents with two or
more victims (gold killed + injured >= 2).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.extract import Extractor, default_extractor
from accord.extract.figure_counting import group_of_lemma
from accord.extract.mentions import SAME_INCIDENT_DAYS, cues, parse_date
from accord.extract.numbers import is_count_word
from accord.ingest.text import article_id_for
from accord.lexicons import load_lexicon
from accord.models import Article, ArticleExtraction, Claim, Interval

#: Incidents with at least this many gold victims form the "multi" slice.
MULTI_VICTIMS = 2

#: Modalities that count toward what happened (a threat or a denial does not).
COUNTED_MODALITIES = ("reported", "claimed")

MEASURES = ("killed", "injured")

#: An ordinal count ("a third person", "the fourth victim") in a claim's text.
_ORDINAL = re.compile(r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[0-9]+(?:st|nd|rd|th))\b",
                      re.IGNORECASE)

_CLAIM_WORD = re.compile(r"[a-z0-9]+")
#: A word of a person's name: capitalised, letters only ("Ervin", "O'Neal").
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:['-][A-Za-z]+)?$")
_ALSO = re.compile(r"\b(?:also|too|as well)\b", re.IGNORECASE)
#: First words that bring a new person in; "other" and its kin anywhere do too.
_INDEFINITE = {"a", "an", "another", "one", "some", "several"}
_BESIDES = {"other", "others", "another", "additional", "more"}
_DEFINITE = {"the", "this", "that", "he", "she", "him", "her", "his", "its", "their", "they", "them"}

#: A report is an outlier (its count ignored) when it counts more than OUTLIER_RATIO times, and at
#: least OUTLIER_MIN_EXCESS more than, the largest count of at least OUTLIER_MIN_AGREEING other reports
#: with figures (calibrated on the GVA dev set: roundups give 5-28 where the other reports give 1-5).
OUTLIER_RATIO = 2
OUTLIER_MIN_EXCESS = 3
OUTLIER_MIN_AGREEING = 2

#: A round-up tells at least this many incidents with figures (one is a report with a statistic).
ROUNDUP_MIN_TOLD = 2

#: A title found this close to the start of the text is already there (characters).
HEADLINE_WINDOW = 200


@dataclass
class Prediction:
    """The predicted counts of one incident and the claims behind each."""

    incident_id: str
    killed: int
    injured: int
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id, "killed": self.killed, "injured": self.injured, "claims": self.claims}


def read_incidents(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The incidents of a GVA JSON-lines file, the first ``limit`` of them if given."""
    if not path.is_file():
        raise InputError(f"{path}: no such file (expected a GVA incidents.jsonl)")
    incidents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                incidents.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{number}: not JSON ({e.msg})") from e
            if limit is not None and len(incidents) >= limit:
                break
    return incidents


def _articles(incident: dict[str, Any]) -> Iterator[Article]:
    for document in incident.get("documents") or []:
        text = document.get("text") or ""
        title = (document.get("title") or "").strip()
        # the headline often holds the count ("4 shot in northwest Atlanta") when the body is page furniture
        if title and title not in text[: len(title) + HEADLINE_WINDOW]:
            text = f"{title}\n\n{text}"
        if not text.strip():
            continue
        yield Article(
            id=document.get("id") or article_id_for(text), text=text, title=document.get("title"),
            url=document.get("url"), published=document.get("published"), external_id=document.get("id"),
        )


def _value(claim: Claim) -> int:
    value = claim.value.low if claim.value.low is not None else claim.value.high
    return value or 0


def _largest(claims: list[Claim]) -> tuple[int, Claim | None]:
    best = max(claims, key=_value, default=None)
    return (_value(best), best) if best is not None else (0, None)


def _category(claim: Claim) -> str:
    return "attackers" if claim.group == "attackers" or _killed_by_security(claim) else "victims"


@cache
def _killed_by_someone() -> re.Pattern[str]:
    """A killing verb right before a count makes the count its object: "kills woman, her son",
    "shot his daughter", "killing 3" name those the shooter killed, never the shooter himself
    (lexicon ``figure_triggers``: ``agent_killing_verbs``)."""
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in load_lexicon("figure_triggers")["agent_killing_verbs"])
    return re.compile(rf"\b(?:{verbs})(?:\s+and\s+kill(?:s|ed|ing)?)?(?:\s+(?:him|her|them)?self,?)?\s*$",
                      re.IGNORECASE)


@cache
def _event_before() -> re.Pattern[str]:
    """An event named as the killer: "shooting kills 2", "a spree that killed four" (``killing_events``)."""
    events = "|".join(re.escape(e) for e in load_lexicon("figure_triggers")["killing_events"])
    return re.compile(rf"\b(?:{events})\s*$", re.IGNORECASE)


#: Words between security forces and a killing verb that make somebody else the killer or the police a
#: speaker ("police said a gunman shot and killed ...").
_NOT_THE_KILLER = re.compile(r"\b(?:said|say|says|told|believe[sd]?|allege[sd]?|according|gunman|gunmen|suspects?|"
                             r"shooter|attackers?|he|she|they|man|woman)\b", re.IGNORECASE)


@cache
def _security_before() -> re.Pattern[str]:
    """Security forces doing the killing right before a count: "Police fired back, killing Pitts", "deputies
    shot and killed the man" (lexicon ``group_nouns``: ``security``)."""
    nouns = "|".join(re.escape(n) for n in load_lexicon("group_nouns")["security"])
    return re.compile(rf"\b(?:{nouns})(?:s|es)?\b(?P<gap>[^.;]{{0,50}}?)\b(?:shot and killed|shot dead|fatally shot|"
                      rf"fatally wounding|killed|killing)\s+$", re.IGNORECASE)


def _killed_by_security(claim: Claim) -> bool:
    """A death the police or soldiers caused: the one they fired on, a suspect whom GVA counts too."""
    if claim.measure != "killed" or claim.group != "all" or (claim.value.low or 0) != 1:
        return False
    before = claim.sentence[: max(claim.span[0] - claim.sentence_span[0], 0)]
    found = _security_before().search(before)
    # "... at the Chitimacha Officer, fatally wounding him": the officer is the one fired on, not the killer
    return found is not None and not found.group("gap").lstrip().startswith(",") and \
        not _NOT_THE_KILLER.search(found.group("gap"))


def _victims_only(claim: Claim) -> bool:
    """Whether an unspecified count is the object of somebody's killing ("killed his wife and son")."""
    if claim.group != "all":
        return claim.group != "attackers"
    words = _CLAIM_WORD.findall(claim.text.lower())
    if not words or words[0] in ("the", "this", "that") or (len(words) == 1 and words[0] in _DEFINITE):
        return False  # "killing him", "shot the suspect": somebody already named, maybe the shooter
    before = claim.sentence[: max(claim.span[0] - claim.sentence_span[0], 0)]
    verb = _killed_by_someone().search(before)
    # "shooting kills 2", "a spree that killed four": an event, not the shooter, did the killing
    return verb is not None and not _event_before().search(before[: verb.start()])


def _surname(claim: Claim) -> str | None:
    """The last capitalised word of a claim naming a person ("Cole Ervin" → "Ervin"), None for a noun phrase."""
    words = claim.text.split()
    if not words or words[0].lower() in _DEFINITE | _INDEFINITE:
        return None
    names = [w for w in words if _NAME_WORD.match(w) and w.lower() not in group_of_lemma()]
    return names[-1] if names and len(names) == len(words) else None


def _introduces(claim: Claim, dead_sentences: list[str] | None = None) -> bool:
    """Whether a claim's words bring a person in ("a woman", "another man", "two people").

    A definite phrase, a pronoun or a name ("he", "the child", "Felder") speaks again
    of somebody already counted.
    """
    words = _CLAIM_WORD.findall(claim.text.lower())
    if not words or (claim.value.low or 0) != 1 or claim.hedge != "exact":
        return True
    if words[0] in _INDEFINITE or any(w in _BESIDES or is_count_word(w) for w in words):
        return True
    if _ORDINAL.search(claim.sentence) or _ALSO.search(claim.sentence):
        return True  # "he was also shot", "the third person police shot ... he remains hospitalized"
    if dead_sentences is not None and (name := _surname(claim)) is not None:
        # "Cole Ervin was treated for gunshot wounds": a name no report of a death mentions is somebody else
        return not any(re.search(rf"\b{re.escape(name)}\b", sentence) for sentence in dead_sentences)
    # a headline's bare noun ("girl killed, grandmother injured") names a new person too
    return claim.text[:1].islower() and words[0] not in _DEFINITE


def _without_rementioned_dead(claims: list[Claim]) -> list[Claim]:
    """Drop injured claims that speak again of somebody the document reports dead.

    "A man was shot and killed ... He was taken to hospital in critical condition":
    the one injured is the one who died, not a second victim.
    """
    dead = {_category(c) for c in claims if c.measure == "killed" and _value(c)}
    one_dead = {category for category in dead
                if max(_value(c) for c in claims if c.measure == "killed" and _category(c) == category) == 1}
    dead_sexes = {_sex(c) for c in claims if c.measure == "killed" and _value(c)}
    # only when the dead are named too can a name be told apart from them
    dead_named = any(_NAME_WORD.match(w) and w.lower() not in group_of_lemma() and w.lower() not in _DEFINITE
                     for c in claims if c.measure == "killed" and _value(c) for w in c.text.split())
    dead_sentences = [c.sentence for c in claims if c.measure == "killed" and _value(c)] if dead_named else None
    return [c for c in claims if not (
        c.measure == "injured" and _category(c) in dead and
        (not _introduces(c, dead_sentences) or (_category(c) in one_dead and _unnumbered_one(c) and _sex(c) in dead_sexes | {None}))
    )]


#: A count that names one of its people: "Five people, including Duhart, were injured".
_INCLUDING_NAME = re.compile(r"\bincluding\s+(?:[A-Z][\w'’.-]*\s+)*?(?P<name>[A-Z][\w'’-]+)\b")


def _less_the_named_dead(claims: list[Claim]) -> list[Claim]:
    """An injured count naming somebody the report gives as dead counts him once too many: he died of
    his wounds, and GVA counts him as killed only ("Fred Duhart died ... Five people, including Duhart,
    were injured" is four injured)."""
    dead_words = {w for c in claims if c.measure == "killed" and _value(c) for w in re.findall(r"[A-Z][\w'’-]+", c.text)}
    if not dead_words:
        return claims
    out = []
    for claim in claims:
        named = _INCLUDING_NAME.search(claim.sentence) if claim.measure == "injured" and _value(claim) >= 2 else None
        if named is not None and named.group("name") in dead_words and claim.hedge == "exact":
            fewer = _value(claim) - 1
            claim = dataclasses.replace(claim, value=Interval(fewer, fewer))
        out.append(claim)
    return out


def _sex(claim: Claim) -> str | None:
    """ "male" or "female" when the claim's noun says ("a woman", "the boy"), else None."""
    words = _CLAIM_WORD.findall(claim.text.lower())
    gendered = _gendered()
    return next((sex for sex, nouns in gendered.items() if words and words[-1] in nouns), None)


@cache
def _gendered() -> dict[str, frozenset[str]]:
    return {sex: frozenset(nouns) for sex, nouns in load_lexicon("group_nouns")["gendered"].items()}


def _unnumbered_one(claim: Claim) -> bool:
    """ "a child", "a victim": one person brought in by an article alone, with nothing saying it is
    somebody besides the one dead ("another", "also", "a second") — in a report of one death, that one
    (unless the words name the other sex: "a man" killed, "a woman" wounded).
    """
    words = _CLAIM_WORD.findall(claim.text.lower())
    if not words or words[0] not in ("a", "an") or claim.value.low != 1 or claim.hedge != "exact":
        return False
    besides = any(w in _BESIDES or is_count_word(w) for w in words)
    return not besides and not _ORDINAL.search(claim.sentence) and not _ALSO.search(claim.sentence)


def _first_counted_mention(extraction: ArticleExtraction) -> list[Claim]:
    """The counted claims of the first incident of a report that has killed or injured figures.

    A report the GVA lists for an incident is about that incident: when the split leaves the
    main mention of every report without casualty figures, the first incident that has some
    is most likely it.
    """
    statistics = {m.index for m in extraction.mentions if m.statistic}
    counted = [c for c in extraction.claims if c.modality in COUNTED_MODALITIES and c.mention not in statistics]
    first = min((c.mention for c in counted if c.measure in MEASURES), default=None)
    return [c for c in counted if c.mention == first]


def _document_counts(
    extraction: ArticleExtraction, fallback: bool = False,
) -> tuple[int, int, list[Claim], list[Claim]]:
    """(killed, injured, claims behind killed, claims behind injured) of the incident a document reports.

    That is its main incident; but a round-up is listed as a source of the incident it tells that
    hit the most people (GVA dev round-ups: the multi-victim shooting among single ones), so for a
    round-up the incident of the largest count it tells.
    """
    claims = [c for c in extraction.claims if c.mention == 0 and c.modality in COUNTED_MODALITIES]
    if fallback and not any(c.measure in MEASURES for c in claims):
        claims = _first_counted_mention(extraction)
    told = _roundup_mentions(extraction)
    if told:
        per_mention = [_claims_counts([c for c in extraction.claims if c.mention == m
                                       and c.modality in COUNTED_MODALITIES]) for m in told]
        return max(per_mention, key=lambda r: r[0] + r[1])
    return _claims_counts(claims)


def _roundup_mentions(extraction: ArticleExtraction) -> list[int]:
    """The incidents a round-up tells ("Six shot in three separate incidents"), when it tells several
    with figures: not its count, nor an incident of another time it recalls ("On June 20, 11 were shot")."""
    if not any(m.statistic and cues().several_incidents.search(m.summary or "") for m in extraction.mentions):
        return []
    main = parse_date(extraction.mentions[0].date) if extraction.mentions else None
    others = {m.index for m in extraction.mentions if m.statistic or (
        main is not None and (when := parse_date(m.date)) is not None and abs((when - main).days) > SAME_INCIDENT_DAYS)}
    told = sorted({c.mention for c in extraction.claims if c.measure in MEASURES and c.modality in COUNTED_MODALITIES
                   and c.mention not in others and _value(c)})
    return told if len(told) >= ROUNDUP_MIN_TOLD else []


def _claims_counts(claims: list[Claim]) -> tuple[int, int, list[Claim], list[Claim]]:
    """(killed, injured, claims behind killed, claims behind injured) from the claims of one incident.

    A count of unspecified people ("two people were killed") may include the attacker;
    a count of a named group ("two officers") or of those somebody killed ("killed his
    wife and son") does not, and one the police killed ("Police fired back, killing Pitts")
    is the attacker. So per measure the document says
    max(largest unspecified count, largest count of a victim group + largest attacker count).
    """
    # "a fourth person was hurt" bounds everybody hit, not one measure: measured, it is best left out
    ordinals = [c for c in claims if _ORDINAL.search(c.text) and c.measure in MEASURES]
    claims = [c for c in claims if not _ORDINAL.search(c.text)]
    claims = _less_the_named_dead(_without_rementioned_dead(claims))
    counts: dict[str, int] = {}
    behind: dict[str, list[Claim]] = {}
    for measure in MEASURES:
        of_measure = [c for c in claims if c.measure == measure]
        everyone, everyone_claim = _largest([c for c in of_measure if c.group == "all"])
        victims, victims_claim = _largest([c for c in of_measure if _victims_only(c) and not _killed_by_security(c)])
        attackers, attackers_claim = _largest([c for c in of_measure if _category(c) == "attackers"])
        if everyone >= victims + attackers:
            counts[measure], chosen = everyone, [everyone_claim]
        else:
            counts[measure], chosen = victims + attackers, [victims_claim, attackers_claim]
        behind[measure] = [c for c in chosen if c is not None and _value(c)]
    # ... but a death stated of an ordinal ("a fifth victim died", "3rd man dies") bounds the killed
    # ("the fourth man died" is one of those already counted, not a count)
    dead_floor, dead_claim = _largest([c for c in ordinals if c.measure == "killed"
                                       and _CLAIM_WORD.findall(c.text.lower())[:1] != ["the"]])
    if dead_floor > counts["killed"]:
        if counts["killed"] and counts["injured"] >= MULTI_VICTIMS:
            # "two teenagers were fatally shot and four others injured ... a third man died": one of the
            # injured died, and GVA counts him as killed only (one injured person the report names,
            # "Cole Ervin was treated", is a survivor, not the one who died)
            counts["injured"] = max(counts["injured"] - (dead_floor - counts["killed"]), 0)
        counts["killed"], behind["killed"] = dead_floor, [dead_claim] if dead_claim is not None else []
    # ... and any ordinal bounds everybody hit: "a fifth victim was wounded" means five people were hit
    hit_floor = max((c.value.low or 0 for c in ordinals), default=0)
    if hit_floor > counts["killed"] + counts["injured"]:
        counts["injured"] = hit_floor - counts["killed"]
        behind["injured"] = [c for c in ordinals if (c.value.low or 0) == hit_floor][:1]
    return counts["killed"], counts["injured"], behind["killed"], behind["injured"]


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "article": claim.article, "measure": claim.measure, "group": claim.group,
        "value": {"low": claim.value.low, "high": claim.value.high}, "hedge": claim.hedge, "text": claim.text,
        "sentence": claim.sentence, "span": list(claim.span), "source": claim.source.name or None,
    }


def _not_outliers(counts: list[tuple[int, int]]) -> list[bool]:
    """Which reports to believe: not one whose counts dwarf what all the others agree on.

    A report that gives its incident many times the casualties every other report gives, dead
    included (a roundup of a weekend's shootings, a city's toll), has let other incidents in; a
    later death moves a count by one or two, not several-fold. A report that only adds wounded
    the others leave out ("one killed" beside "one killed, three wounded") is believed.
    """
    keep = [True] * len(counts)
    for k, (killed, injured) in enumerate(counts):
        others = [c for j, c in enumerate(counts) if j != k and c[0] + c[1]]
        if len(others) < OUTLIER_MIN_AGREEING:
            continue
        most = max(sum(c) for c in others)
        if killed + injured > OUTLIER_RATIO * most and killed + injured - most >= OUTLIER_MIN_EXCESS and \
                killed > max(c[0] for c in others):
            keep[k] = False
        # ... or whose dead alone dwarf the dead every other report agrees on ("five of the officers died"
        # in a report of one death: a related story's toll)
        dead = [c[0] for c in others if c[0]]
        if len(dead) >= OUTLIER_MIN_AGREEING and killed > OUTLIER_RATIO * max(dead) and \
                killed - max(dead) >= OUTLIER_MIN_EXCESS:
            keep[k] = False
    return keep


def predict_incident(
    incident_id: str, extractions: list[ArticleExtraction], published: list[str | None] | None = None,
) -> Prediction:
    """Combine the documents of one incident into GVA killed/injured counts.

    Killed is the largest count any report gives (a later report may add a death).
    Injured: when no report counts more than one person hit, a victim reported injured
    in one report and killed in another is one death (everybody hit minus the killed).
    With several people hit, each report's injured count less the deaths reported
    after it (``published``, ISO dates, one per extraction) that it did not count: a
    victim who died later is a death, not an injury, for GVA; the largest of these.
    """
    dates = [(d or "")[:10] for d in published] if published is not None else [""] * len(extractions)
    counts = [_document_counts(extraction) for extraction in extractions]
    if not any(k or i for k, i, _, _ in counts):
        # no report gives its main incident a casualty figure: the split may have misplaced them
        counts = [_document_counts(extraction, fallback=True) for extraction in extractions]
    keep = _not_outliers([(k, i) for k, i, _, _ in counts])
    counts = [c for c, kept in zip(counts, keep, strict=True) if kept]
    dates = [d for d, kept in zip(dates, keep, strict=True) if kept]
    killed, killed_claims = 0, []
    for doc_killed, _, behind_killed, _ in counts:
        if doc_killed > killed:
            killed, killed_claims = doc_killed, behind_killed
    total = max((k + i for k, i, _, _ in counts), default=0)
    injured, injured_claims = 0, []
    if total >= MULTI_VICTIMS:
        for (doc_killed, doc_injured, _, behind_injured), date in zip(counts, dates, strict=True):
            later = [k for (k, _, _, _), d in zip(counts, dates, strict=True) if date and d > date]
            # a report that names no death and one person hurt speaks of a survivor ("Romero was
            # hospitalized"); one that counts several hit ("a double shooting") counts the dead too
            counts_dead = doc_killed or doc_injured >= MULTI_VICTIMS
            died_later = max(max(later, default=doc_killed) - doc_killed, 0) if counts_dead else 0
            still_injured = doc_injured - died_later
            if still_injured > injured:
                injured, injured_claims = still_injured, behind_injured
    else:
        injured = max(total - killed, 0)
        injured_claims = next((b for k, i, _, b in counts if k + i == total and i), [])
    return Prediction(
        incident_id=incident_id, killed=killed, injured=injured,
        claims={"killed": [_claim_json(c) for c in killed_claims],
                "injured": [_claim_json(c) for c in injured_claims] if injured else []},
    )


def predict(incidents: list[dict[str, Any]], extractor: Extractor) -> list[Prediction]:
    """One prediction per incident, from one ``nlp.pipe`` over all their documents."""
    owners: list[int] = []
    articles: list[Article] = []
    for index, incident in enumerate(incidents):
        for article in _articles(incident):
            owners.append(index)
            articles.append(article)
    per_incident: list[list[ArticleExtraction]] = [[] for _ in incidents]
    dates: list[list[str | None]] = [[] for _ in incidents]
    for owner, article, extraction in zip(owners, articles, extractor.extract_many(articles), strict=True):
        per_incident[owner].append(extraction)
        dates[owner].append(article.published)
    return [
        predict_incident(str(incident.get("incident_id", index)), per_incident[index], dates[index])
        for index, incident in enumerate(incidents)
    ]


def _metrics(pairs: list[tuple[int, int]]) -> dict[str, float]:
    if not pairs:
        return {"exact": 0.0, "mae": 0.0, "within1": 0.0}
    n = len(pairs)
    return {
        "exact": round(sum(p == g for p, g in pairs) / n, 4),
        "mae": round(sum(abs(p - g) for p, g in pairs) / n, 4),
        "within1": round(sum(abs(p - g) <= 1 for p, g in pairs) / n, 4),
    }


def _scores(rows: list[tuple[Prediction, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    return {m: _metrics([(getattr(p, m), int(gold[m])) for p, gold in rows]) for m in MEASURES}


def evaluate_gva(
    path: Path, *, predictions: Path | None = None, limit: int | None = None, extractor: Extractor | None = None,
) -> dict[str, Any]:
    """Predict killed/injured for each incident of ``path``; score them when gold counts are present.

    Returns ``n`` and ``n_docs``; with gold also ``overall`` and ``multi``
    (``{killed: {exact, mae, within1}, injured: {...}}``), ``n_gold`` and ``n_multi``.
    Writes one JSON line per incident to ``predictions`` when given.
    """
    incidents = read_incidents(Path(path), limit)
    results = predict(incidents, extractor or default_extractor())
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8") as out:
            for prediction in results:
                out.write(json.dumps(prediction.to_json(), ensure_ascii=False) + "\n")
    result: dict[str, Any] = {
        "file": str(path), "n": len(results), "n_docs": sum(len(i.get("documents") or []) for i in incidents),
        "predictions": [p.to_json() for p in results],
    }
    gold_rows = [
        (prediction, incident) for prediction, incident in zip(results, incidents, strict=True)
        if incident.get("killed") is not None and incident.get("injured") is not None
    ]
    if gold_rows:
        multi = [(p, g) for p, g in gold_rows if int(g["killed"]) + int(g["injured"]) >= MULTI_VICTIMS]
        result.update(
            n_gold=len(gold_rows), overall=_scores(gold_rows), multi=_scores(multi), n_multi=len(multi),
            errors=[
                {"incident_id": p.incident_id, "killed": [p.killed, int(g["killed"])],
                 "injured": [p.injured, int(g["injured"])]}
                for p, g in gold_rows if (p.killed, p.injured) != (int(g["killed"]), int(g["injured"]))
            ],
        )
    return result


def render_gva(result: dict[str, Any]) -> str:
    """The result of :func:`evaluate_gva` as a readable text table."""
    lines = [f"GVA evaluation of {result.get('file', '?')}: {result['n']} incidents, {result.get('n_docs', 0)} documents"]
    if "overall" not in result:
        lines.append("no gold counts in the file: predictions only")
        killed = sum(p["killed"] for p in result.get("predictions", []))
        injured = sum(p["injured"] for p in result.get("predictions", []))
        lines.append(f"predicted in total: {killed} killed, {injured} injured")
        return "\n".join(lines)
    header = f"{'slice':<22}{'measure':<10}{'exact':>8}{'within1':>9}{'MAE':>8}"
    lines += ["", header, "-" * len(header)]
    for name, key, n in (("all", "overall", result["n_gold"]), ("2+ victims", "multi", result["n_multi"])):
        for measure in MEASURES:
            scores = result[key][measure]
            label = f"{name} (n={n})" if measure == "killed" else ""
            lines.append(f"{label:<22}{measure:<10}{scores['exact']:>8.3f}{scores['within1']:>9.3f}{scores['mae']:>8.3f}")
    lines.append("")
    lines.append(f"incidents with an error: {len(result.get('errors', []))}")
    return "\n".join(lines)


__all__ = ["evaluate_gva", "render_gva", "predict", "predict_incident", "read_incidents", "Prediction", "MULTI_VICTIMS"]
