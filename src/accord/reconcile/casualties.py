"""The killed and the injured read together: each person hit counted once, dead or injured.

A report's killed and injured claims are not independent counts: "A man was shot and killed ... He was
taken to hospital" tells one person, dead; "five, including Duhart, were injured" counts Duhart, whom the
report gives as dead, among the injured; "a fifth victim" is one person and says five were hit. The
totals of killed and of injured (:mod:`accord.reconcile.totals`) count people, so before they add a
report's figures up these rules decide whom each claim is about (rule ids in brackets):

Per report
    - one person the police or soldiers killed ("Police fired back, killing Pitts") is an attacker, and
      a count that is the object of somebody's killing ("he killed his wife and son") names those he
      killed, never himself: both are parts, added up with the report's other parts
      (``reconcile.hit.who_was_killed``);
    - an injured claim that speaks again of somebody the report counts dead ("he", "the victim", a name
      of the dead, "a man" beside the one dead man) is that death, not a second person
      (``reconcile.hit.dead_restated``);
    - an injured count naming one of the dead ("five, including Duhart, were injured") counts him once
      too many: he is dead, not injured (``reconcile.hit.named_dead``);
    - an ordinal ("a fifth victim was wounded", "a third man died") is one person, and says at least
      that many were hit, or died (``reconcile.hit.ordinal``).
    - one person "also" killed beside the one dead the report counts ("Gino Nicolas was also killed")
      is a second death (``reconcile.hit.also_dead``).

Across reports
    - a report whose count dwarfs what all the other reports agree on has let other incidents in (a
      round-up of a weekend's shootings, a related story's toll) and is left out (``reconcile.hit.outlier``);
    - a victim who died after a report counted him injured is dead, no longer injured: a report's injured
      count loses the deaths later reports add to its own (``reconcile.hit.died_later``);
    - when no report counts more than one person hit, the one injured in one report and dead in another
      is one death (``reconcile.hit.one_person``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from accord.lexicons import load_lexicon
from accord.models import Claim, Interval
from accord.reconcile.scope import numbered

if TYPE_CHECKING:
    from accord.reconcile.figures import Entry

#: The measures whose people are each counted once: a person hit is killed or injured, not both.
HIT_MEASURES = ("killed", "injured")

#: Several people hit: from two on, a report's injured count is a count, not the one person it tells.
SEVERAL = 2

#: A report is an outlier when it counts more than OUTLIER_RATIO times, and at least OUTLIER_MIN_EXCESS
#: more than, the largest count of at least OUTLIER_MIN_AGREEING other reports with figures (GVA dev and
#: train: round-ups give 5-28 where the other reports give 1-5; a later death moves a count by one or two).
OUTLIER_RATIO = 2
OUTLIER_MIN_EXCESS = 3
OUTLIER_MIN_AGREEING = 2

_WORD = re.compile(r"[a-z0-9]+")
#: A word of a person's name: capitalised, letters only ("Ervin", "O'Neal").
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:['-][A-Za-z]+)?$")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]+")


@cache
def _words() -> dict[str, frozenset[str]]:
    lexicon = load_lexicon("person_reference")
    return {key: frozenset(value) for key, value in lexicon.items() if not key.startswith("_")}


@cache
def _group_nouns() -> frozenset[str]:
    lexicon = load_lexicon("group_nouns")
    return frozenset(word for group in ("all", "civilians", "hostages", "security", "attackers") for word in lexicon[group])


@cache
def _gendered() -> dict[str, frozenset[str]]:
    return {sex: frozenset(nouns) for sex, nouns in load_lexicon("group_nouns")["gendered"].items()}


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _ordinal() -> re.Pattern[str]:
    """An ordinal count ("a third person", "the 4th victim")."""
    ordinals = frozenset(load_lexicon("number_words")["ordinals"])
    return re.compile(rf"\b(?:{_alternatives(ordinals)}|[0-9]+(?:st|nd|rd|th))\b", re.IGNORECASE)


@cache
def _also() -> re.Pattern[str]:
    # lower case: "'Too Many Guns'" in a headline adds nobody
    return re.compile(rf"\b(?:{_alternatives(_words()['also'])})\b")


@cache
def _including_name() -> re.Pattern[str]:
    """A count that names one of its people: "Five people, including Duhart, were injured"."""
    return re.compile(rf"\b(?:{_alternatives(_words()['including'])})\s+(?:[A-Z][\w'’.-]*\s+)*?(?P<name>[A-Z][\w'’-]+)\b")


@cache
def _killing_verbs() -> re.Pattern[str]:
    """A killing verb right before a count makes the count its object: "kills woman, her son", "shot his
    daughter" name those the shooter killed, never the shooter (``figure_triggers``: ``agent_killing_verbs``)."""
    verbs = _alternatives(frozenset(load_lexicon("figure_triggers")["agent_killing_verbs"]))
    return re.compile(rf"\b(?:{verbs})(?:\s+and\s+kill(?:s|ed|ing)?)?(?:\s+(?:him|her|them)?self,?)?\s*$", re.IGNORECASE)


@cache
def _event_before() -> re.Pattern[str]:
    """An event named as the killer: "shooting kills 2", "a spree that killed four" (``killing_events``)."""
    events = _alternatives(frozenset(load_lexicon("figure_triggers")["killing_events"]))
    return re.compile(rf"\b(?:{events})\s*$", re.IGNORECASE)


@cache
def _security_before() -> re.Pattern[str]:
    """Security forces killing right before a count: "Police fired back, killing Pitts" (``group_nouns``: ``security``)."""
    nouns = _alternatives(frozenset(load_lexicon("group_nouns")["security"]))
    killing = _alternatives(_words()["security_killing"])
    return re.compile(rf"\b(?:{nouns})(?:s|es)?\b(?P<gap>[^.;]{{0,50}}?)\b(?:{killing})\s+$", re.IGNORECASE)


@cache
def _not_the_killer() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternatives(_words()['not_the_killer'])})\b", re.IGNORECASE)


def _value(claim: Claim) -> int:
    value = claim.value.low if claim.value.low is not None else claim.value.high
    return value or 0


def _before(claim: Claim) -> str:
    """The sentence up to the claim's words."""
    return claim.sentence[: max(claim.span[0] - claim.sentence_span[0], 0)]


def _after(claim: Claim) -> str:
    """The sentence after the claim's words."""
    return claim.sentence[max(claim.span[1] - claim.sentence_span[0], 0):]


def killed_by_security(claim: Claim) -> bool:
    """One person the police or soldiers killed: the one they fired on, an attacker."""
    if claim.measure != "killed" or claim.group != "all" or (claim.value.low or 0) != 1:
        return False
    found = _security_before().search(_before(claim))
    # "... at the officer, fatally wounding him": the officer is the one fired on, not the killer
    return found is not None and not found.group("gap").lstrip().startswith(",") and \
        not _not_the_killer().search(found.group("gap"))


def killed_by_somebody(claim: Claim) -> bool:
    """Whether a count of the dead is the object of somebody's killing ("killed his wife and son")."""
    if claim.measure != "killed" or claim.group != "all":
        return False  # "shot twelve people" counts the wounded officers too: a count of everybody
    words = _WORD.findall(claim.text.lower())
    if not words or words[0] in ("the", "this", "that") or (len(words) == 1 and words[0] in _words()["definite"]):
        return False  # "killing him", "shot the suspect": somebody already named, maybe the shooter
    before = _before(claim)
    verb = _killing_verbs().search(before)
    # "shooting kills 2", "a spree that killed four": an event, not the shooter, did the killing
    return verb is not None and not _event_before().search(before[: verb.start()])


def _regrouped(claim: Claim) -> Claim:
    """The claim with the part of everybody it counts (rule ``reconcile.hit.who_was_killed``)."""
    if killed_by_security(claim):
        return dataclasses.replace(claim, group="attackers")
    if killed_by_somebody(claim):
        return dataclasses.replace(claim, group="civilians")
    return claim


def _attacker(claim: Claim) -> bool:
    return claim.group == "attackers"


def _sex(claim: Claim) -> str | None:
    """ "male" or "female" when the claim's noun says ("a woman", "the boy"), else None."""
    words = _WORD.findall(claim.text.lower())
    return next((sex for sex, nouns in _gendered().items() if words and words[-1] in nouns), None)


def _surname(claim: Claim) -> str | None:
    """The last capitalised word of a claim naming a person ("Cole Ervin" → "Ervin"), None for a noun phrase."""
    words = claim.text.split()
    if not words or words[0].lower() in _words()["definite"] | _words()["indefinite"]:
        return None
    names = [w for w in words if _NAME_WORD.match(w) and w.lower() not in _group_nouns()]
    return names[-1] if names and len(names) == len(words) else None


def _one_exact(claim: Claim) -> bool:
    return (claim.value.low or 0) == 1 and claim.hedge == "exact"


def _adds_somebody(claim: Claim) -> bool:
    """Words that make the claim somebody besides those counted: "another", "two others", "also", "a third"."""
    words = _WORD.findall(claim.text.lower())
    return any(w in _words()["besides"] for w in words) or numbered(claim) or \
        bool(_ordinal().search(claim.sentence) or _also().search(claim.sentence))


def _introduces(claim: Claim, dead_sentences: Sequence[str] | None) -> bool:
    """Whether a claim's words bring a person in ("a woman", "another man", "two people").

    A definite phrase, a pronoun or a name ("he", "the child", "Felder") speaks again of somebody
    already counted; a name no claim of the named dead mentions is somebody else ("Cole Ervin was treated").
    """
    words = _WORD.findall(claim.text.lower())
    if not words or not _one_exact(claim) or words[0] in _words()["indefinite"] or _adds_somebody(claim):
        return True
    if dead_sentences is not None and (name := _surname(claim)) is not None:
        return not any(re.search(rf"\b{re.escape(name)}\b", sentence) for sentence in dead_sentences)
    # a headline's bare noun ("girl killed, grandmother injured") names a new person too
    return claim.text[:1].islower() and words[0] not in _words()["definite"]


def _bare_one(claim: Claim) -> bool:
    """ "a child", "a victim": one person brought in by an article alone, with nothing saying it is somebody
    besides the one dead: in a report of one death, that one."""
    words = _WORD.findall(claim.text.lower())
    return bool(words) and words[0] in ("a", "an") and _one_exact(claim) and not _adds_somebody(claim)


def _dead_restated(entries: Sequence[Entry], dead: Sequence[Claim]) -> list[Entry]:
    """The entries less injured ones that speak again of somebody the report counts ``dead``
    (rule ``reconcile.hit.dead_restated``)."""
    sides = {_attacker(c) for c in dead}
    one_dead = {side for side in sides if max(_value(c) for c in dead if _attacker(c) == side) == 1}
    sexes = {_sex(c) for c in dead} | {None}
    # only when the dead are named too can a name be told apart from them
    named = any(_NAME_WORD.match(w) and w.lower() not in _group_nouns() and w.lower() not in _words()["definite"]
                for c in dead for w in c.text.split())
    sentences = [c.sentence for c in dead] if named else None

    def restates(claim: Claim) -> bool:
        if claim.measure != "injured" or _attacker(claim) not in sides:
            return False
        return not _introduces(claim, sentences) or (
            _attacker(claim) in one_dead and _bare_one(claim) and _sex(claim) in sexes)

    return [e for e in entries if not restates(e.claim)]


def _named_dead(entries: Sequence[Entry], dead: Sequence[Claim]) -> list[Entry]:
    """Injured counts less one of the ``dead`` they name (rule ``reconcile.hit.named_dead``)."""
    dead_words = {w for c in dead for w in _CAPITALISED.findall(c.text)}
    out = []
    for entry in entries:
        claim = entry.claim
        named = _including_name().search(claim.sentence) \
            if claim.measure == "injured" and _value(claim) >= SEVERAL and claim.hedge == "exact" else None
        if named is not None and named.group("name") in dead_words:
            fewer = _value(claim) - 1
            entry = dataclasses.replace(entry, claim=dataclasses.replace(claim, value=Interval(fewer, fewer)))
        out.append(entry)
    return out


@dataclass(frozen=True)
class Floors:
    """What a report's ordinals say: at least ``killed`` dead, at least ``hit`` people hit."""

    killed: int = 0
    hit: int = 0
    killed_entry: Entry | None = None
    hit_entry: Entry | None = None
    dead_told: int = 0  # the most dead any claim of the report tells of, parts too


def report_entries(entries: Sequence[Entry], parts: Sequence[Entry] = ()) -> tuple[list[Entry], Floors]:
    """One report's killed and injured entries as they count people, and what its ordinals say.

    The entries come back regrouped, less the injured who are the dead again and less the named dead,
    without ordinal claims (rule ``reconcile.hit.ordinal``: "a fifth victim" is one person, and a floor).
    ``parts``, the report's subsets, say who the dead are ("Cody Tolliver" beside "both were killed").
    """
    ordinals = [e for e in entries if _ordinal().search(e.claim.text)]
    plain = [dataclasses.replace(e, claim=_regrouped(e.claim)) for e in entries if e not in ordinals]
    dead = [c for c in (*(e.claim for e in plain), *(_regrouped(e.claim) for e in parts))
            if c.measure == "killed" and _value(c)]
    counted = _named_dead(_dead_restated(plain, dead), dead)
    # "the fourth man died" is one of those already counted, not a count
    dying = [e for e in ordinals if e.claim.measure == "killed" and _WORD.findall(e.claim.text.lower())[:1] != ["the"]]
    dying.extend(_also_dead(plain, dead))
    killed_entry = max(dying, key=lambda e: _value(e.claim), default=None)
    hit_entry = max(ordinals, key=lambda e: e.claim.value.low or 0, default=None)
    return counted, Floors(
        killed=_value(killed_entry.claim) if killed_entry else 0, hit=(hit_entry.claim.value.low or 0) if hit_entry else 0,
        killed_entry=killed_entry, hit_entry=hit_entry, dead_told=max((_value(c) for c in dead), default=0))


#: How far after a person's words "also" may come and still be about him ("Gino Nicolas, 24, was also killed").
ALSO_WINDOW = 16


def _also_dead(entries: Sequence[Entry], dead: Sequence[Claim]) -> list[Entry]:
    """A second death told of one person "also" killed beside the one dead the report counts ("A woman
    died ... Gino Nicolas was also killed"): at least two dead (rule ``reconcile.hit.also_dead``)."""
    also = [e for e in entries if e.claim.measure == "killed" and _one_exact(e.claim) and not numbered(e.claim)
            and _also().search(_after(e.claim)[:ALSO_WINDOW])]
    others = [c for c in dead if all(c is not e.claim for e in also)]
    if not also or max((_value(c) for c in others), default=0) != 1:
        return []
    first = also[0]
    two = dataclasses.replace(first.claim, value=Interval(1 + len(also), 1 + len(also)))
    return [dataclasses.replace(first, claim=two)]


def with_floors(killed: int, injured: int, floors: Floors) -> tuple[int, int]:
    """A report's (killed, injured) raised to what its ordinals say (rule ``reconcile.hit.ordinal``)."""
    if floors.killed > killed:
        told = max(killed, floors.dead_told)
        if told and injured >= SEVERAL and floors.killed > told:
            # "two were fatally shot and four others injured ... a third man died": one of the injured died
            injured = max(injured - (floors.killed - told), 0)
        killed = floors.killed
    if floors.hit > killed + injured:
        injured = floors.hit - killed
    return killed, injured


@dataclass(frozen=True)
class ReportHit:
    """One report's count of the killed and of the injured, and when it was given."""

    killed: int
    injured: int
    time: str  # as_of or publication day; "" when undated


def not_outliers(reports: Mapping[str, ReportHit]) -> set[str]:
    """The reports to believe: not one whose counts dwarf what all the others agree on (rule
    ``reconcile.hit.outlier``). A report that only adds wounded the others leave out is believed."""
    keep = set(reports)
    for key, report in reports.items():
        others = [r for k, r in reports.items() if k != key and r.killed + r.injured]
        if len(others) < OUTLIER_MIN_AGREEING:
            continue
        hit = report.killed + report.injured
        most = max(r.killed + r.injured for r in others)
        if hit > OUTLIER_RATIO * most and hit - most >= OUTLIER_MIN_EXCESS and report.killed > max(r.killed for r in others):
            keep.discard(key)
        # ... or whose dead alone dwarf the dead every other report agrees on (a related story's toll)
        dead = [r.killed for r in others if r.killed]
        if len(dead) >= OUTLIER_MIN_AGREEING and report.killed > OUTLIER_RATIO * max(dead) and \
                report.killed - max(dead) >= OUTLIER_MIN_EXCESS:
            keep.discard(key)
    return keep


def still_injured(reports: Mapping[str, ReportHit]) -> dict[str, int]:
    """Each report's injured count less those who died after it (rules ``reconcile.hit.died_later`` and
    ``reconcile.hit.one_person``)."""
    if max((r.killed + r.injured for r in reports.values()), default=0) < SEVERAL:
        anybody_dead = any(r.killed for r in reports.values())
        return {key: 0 if anybody_dead else r.injured for key, r in reports.items()}
    out = {}
    for key, report in reports.items():
        later = [r.killed for r in reports.values() if report.time and r.time > report.time]
        # a report that names no death and one person hurt speaks of a survivor ("Romero was
        # hospitalized"); one that counts several hit ("a double shooting") counts the dead too
        counts_dead = report.killed or report.injured >= SEVERAL
        died_later = max(max(later, default=report.killed) - report.killed, 0) if counts_dead else 0
        out[key] = max(report.injured - died_later, 0)
    return out


__all__ = ["HIT_MEASURES", "Floors", "ReportHit", "killed_by_security", "killed_by_somebody", "not_outliers",
           "report_entries", "still_injured", "with_floors"]
