"""Each unit's label, read in order: which incident of the article it tells.

Labels: "main" | "statistic" | "background" (joins a background mention of the same time, type and
place) | "new" (always opens its own) | "continue" (the background being told) | "listed" (a headline
of a related-stories list, which shares one mention with its list).

A unit's label is decided by three ordered lists of named rules (plain functions returning a label,
or None to pass; the first label given wins): what the page's structure says (:data:`STRUCTURE_RULES`),
else what the unit says of its time, place and incident
(:data:`~accord.extract.mentions.background.ANCHOR_RULES`; none: the main incident's); a unit left
with the main incident may still go on with the background incident being told
(:data:`CONTINUATION_RULES`). Any rule can be switched off by its id (the component's
``disabled_rules``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from accord.extract.mentions.anchors import MAIN_DATE_LEAD_UNITS
from accord.extract.mentions.background import ANCHOR_RULES
from accord.extract.mentions.cue_lexicon import cues
from accord.extract.mentions.page_structure import HEADLINE_BODY_UNITS
from accord.extract.mentions.reading import LabelRule, Reading
from accord.extract.mentions.unit_facts import MainAnchors, UnitFacts
from accord.extract.mentions.units import Unit
from accord.extract.rules import Rule, RuleSet
from accord.models import Claim, DateMention, Place

#: A separation cue turns the article to another incident when it opens the
#: sentence, allowing a short lead-in ("Also this weekend, in an unrelated
#: incident"); further in, it speaks of another incident in passing ("he may
#: have been involved in another shooting").
SEPARATION_OPENING_CHARS = 30

#: An age right after a figure phrase brings a named person in ("Eric Jordan, 19, was shot and killed").
_AGE_AFTER = re.compile(r"^,?\s*\d{1,3},")
#: A capitalised word past the first of a sentence: a name ("Gunn", "Pensacola").
_NAME_WORD = re.compile(r"(?<=\s)[A-Z][a-z][\w'’-]*")
#: A capitalised word of a figure phrase ("Dr. David Gunn", "Gunn").
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*")


def label_units(facts: UnitFacts, main: MainAnchors,
                disabled: frozenset[str] = frozenset()) -> tuple[list[str], list[str | None]]:
    """Every unit's label, in order (a unit's label may depend on the labels before it), and the id of
    the rule that gave it (None: no rule did, the unit is the main incident's).

    ``disabled``: ids of rules switched off."""
    reading = Reading(facts, main, disabled, roundup=opens_as_roundup(facts, main))
    structure = STRUCTURE_RULES.active(disabled)
    anchors = ANCHOR_RULES.active(disabled)
    continuation = CONTINUATION_RULES.active(disabled)
    deciding: list[str | None] = []
    for i in range(len(facts.units)):
        label, rule = _first_label(structure, reading, i)
        if label is None:
            label, rule = _first_label(anchors, reading, i)
            if label in (None, "main"):
                label, rule = _first_label(continuation, reading, i, otherwise=(label, rule))
        label = label or "main"
        _remember(reading, i, label)
        reading.labels.append(label)
        deciding.append(rule)
    return reading.labels, deciding


def opens_as_roundup(facts: UnitFacts, main: MainAnchors) -> bool:
    """After "in a separate shooting", or under a lead that counts over several incidents ("Seven people
    shot in 72 hours in Buffalo", "4 dead in weekend shootings"), the article tells one incident after
    another. The count may also come right under a headline that names no figure ("Multiple people shot
    during violent holiday weekend" / "Overnight, nine people were shot, including seven in just one
    location")."""
    lead, units = facts.lead, facts.units
    return lead is not None and any(
        facts.statistic[i] and cues().several_incidents.search(units[i].text)
        for i in range(min(len(units), max(lead, lead + HEADLINE_BODY_UNITS + 1 if main.headline_lead else 0),
                           MAIN_DATE_LEAD_UNITS)))


def _first_label(rules: Sequence[Rule[LabelRule]], reading: Reading, i: int,
                 otherwise: tuple[str | None, str | None] = (None, None)) -> tuple[str | None, str | None]:
    """The first label a rule gives unit ``i``, and that rule's id; ``otherwise`` when none gives one."""
    for rule in rules:
        label = rule.function(reading, i)
        if label is not None:
            return label, rule.id
    return otherwise


def _remember(reading: Reading, i: int, label: str) -> None:
    """Keep what later units need of this one: the count it makes, the background incident it tells."""
    unit = reading.facts.units[i]
    if label == "statistic" and cues().several_incidents.search(unit.text):
        reading.counted_paragraph = unit.paragraph
    if label in ("background", "new"):
        reading.open_type, reading.open_names = reading.facts.types[i], set(_NAME_WORD.findall(unit.text))
    elif label == "continue":
        reading.open_names.update(_NAME_WORD.findall(unit.text))
    else:
        reading.open_type, reading.open_names = None, set()


# --------------------------------------------------------------------------- what the page's structure says


def listed_story(reading: Reading, i: int) -> str | None:
    """A listed story with figures is an incident of its own; bare headlines share one for the list."""
    if i in reading.facts.related:
        return "new" if reading.facts.claims[i] else "listed"
    return None


def the_lead(reading: Reading, i: int) -> str | None:
    """The lead (the first unit naming an incident) tells the main incident."""
    return "main" if i == reading.facts.lead else None


def counts_over_incidents(reading: Reading, i: int) -> str | None:
    """A count over a period or over several incidents ("18 people were shot between Tuesday and
    Wednesday") is a statistic."""
    return "statistic" if reading.facts.statistic[i] else None


def statistic_referred_back(reading: Reading, i: int) -> str | None:
    """"This week alone, three were shot. Two of the victims died.": the count goes on."""
    claims, labels = reading.facts.claims[i], reading.labels
    if claims and labels and labels[-1] == "statistic" and reading.same_paragraph(i) and \
            all(_refers_back(c) for c in claims):
        return "statistic"
    return None


def counted_incident(reading: Reading, i: int) -> str | None:
    """"At least 11 students were shot in 2015 in three separate incidents. Two female students were shot
    to death in an off-campus apartment ...": the incidents the count is made of."""
    if reading.facts.claims[i] and reading.counted_paragraph == reading.facts.units[i].paragraph:
        return "background"
    return None


def crosshead_section(reading: Reading, i: int) -> str | None:
    """In a round-up printed in sections, each crosshead opens an incident its section tells."""
    sections = reading.main.sections
    if sections[i] is None:
        return None
    return "new" if sections[i] == i or (i > 0 and sections[i - 1] != sections[i]) else "continue"


def separation_opening(reading: Reading, i: int) -> str | None:
    """A sentence opening on another incident ("In a separate shooting, ...") tells it, and the article
    goes on as a round-up (the cue names the incident itself: "Several other incidents were reported")."""
    if _turns_to_another(reading.facts.units[i].text):
        reading.roundup = True
        return "new"
    return None


STRUCTURE_RULES: RuleSet[LabelRule] = RuleSet("mentions.structure", [
    Rule("mentions.related_story", listed_story),
    Rule("mentions.lead", the_lead),
    Rule("mentions.statistic", counts_over_incidents),
    Rule("mentions.statistic_referred_back", statistic_referred_back),
    Rule("mentions.counted_incident", counted_incident),
    Rule("mentions.crosshead_section", crosshead_section),
    Rule("mentions.separation_opening", separation_opening),
])


# --------------------------------------------------------------------------- what the unit's text says


def roundup_next(reading: Reading, i: int) -> str | None:
    """A round-up tells its incidents one after another: a sentence opening on a clock time ("About
    2:05 a.m., a man ...") or bringing new people in at a time or place of their own tells the next
    one; anything else goes on with the last."""
    if not reading.roundup:
        return None
    facts = reading.facts
    unit, unit_type, claims = facts.units[i], facts.types[i], facts.claims[i]
    # A paragraph opening on a clock time ("• At 8:05 p.m., a 14-year-old boy was walking ...")
    # tells the next incident even before it names the shooting.
    clock_paragraph = (i == 0 or not reading.same_paragraph(i)) and bool(cues().new_incident.search(unit.text))
    # ... as does one naming the next of them ("Officers responded to the second shooting at ...")
    names_next = unit_type is not None and bool(cues().separation.search(unit.text))
    opens = clock_paragraph or names_next or unit_type is not None and claims and (
        cues().new_incident.search(unit.text)
        or _brings_in_victims(unit, claims, facts.dates[i], facts.places[i]))
    return "new" if opens else "continue"


def people_referred_back(reading: Reading, i: int) -> str | None:
    """"Five of the officers died." after the other incident, in its paragraph."""
    claims = reading.facts.claims[i]
    if reading.open_type is not None and claims and reading.same_paragraph(i) and \
            all(_refers_back(c) for c in claims):
        return "continue"
    return None


def people_named_again(reading: Reading, i: int) -> str | None:
    """"Dr. David Gunn is shot to death ... Griffin was convicted of murdering Gunn."."""
    claims = reading.facts.claims[i]
    if reading.open_type is not None and claims and reading.same_paragraph(i) and all(
            set(_CAPITALISED.findall(c.text)) & reading.open_names for c in claims):
        return "continue"
    return None


def incident_named_again(reading: Reading, i: int) -> str | None:
    """"In August 2014, Evans opened fire ... Six people were shot in the incident."."""
    if reading.open_type is not None and reading.facts.claims[i] and reading.same_paragraph(i) and \
            cues().definite_incident.search(reading.facts.units[i].text):
        return "continue"
    return None


def continuation_opening(reading: Reading, i: int) -> str | None:
    """"It ..." in the same paragraph, or "The blast ..." when only the background incident was a blast."""
    facts = reading.facts
    unit, unit_type = facts.units[i], facts.types[i]
    if reading.open_type is None or not cues().continuation.search(unit.text):
        return None
    named_it = unit_type == reading.open_type and unit_type != reading.main.type
    # "That shooting happened about 6:15 p.m. Tuesday": the one just told, whatever its type
    pointed_at = bool(cues().that_incident.match(unit.text))
    return "continue" if reading.same_paragraph(i) or named_it or pointed_at else "main"


def context_sentence(reading: Reading, i: int) -> str | None:
    """"The child was rushed to the Texas Medical Center." goes on telling it."""
    facts = reading.facts
    if reading.open_type is not None and facts.types[i] is None and not facts.claims[i] and \
            reading.same_paragraph(i):
        return "continue"
    return None


CONTINUATION_RULES: RuleSet[LabelRule] = RuleSet("mentions.continuation", [
    Rule("mentions.roundup_next", roundup_next),
    Rule("mentions.people_referred_back", people_referred_back),
    Rule("mentions.people_named_again", people_named_again),
    Rule("mentions.incident_named_again", incident_named_again),
    Rule("mentions.continuation_opening", continuation_opening),
    Rule("mentions.context_sentence", context_sentence),
])


# --------------------------------------------------------------------------- cues of a unit


def _refers_back(claim: Claim) -> bool:
    return bool(cues().refers_back.match(claim.text.strip()))


def _brings_in_victims(unit: Unit, unit_claims: Sequence[Claim], unit_dates: Sequence[DateMention],
                       unit_places: Sequence[Place]) -> bool:
    """In a round-up, a sentence that tells the next incident: it brings new people in ("Two teenage boys
    were shot around 11:30 p.m.") and says when or where, without adding them to the incident being
    told ("a third man was also grazed")."""
    if cues().more_of_the_same.search(unit.text):
        return False
    introduces = any(c.measure in ("killed", "injured") and (
        cues().introducing.match(c.text.strip()) or _AGE_AFTER.match(unit.text[c.span[1] - unit.start:]))
        for c in unit_claims)
    says_when = bool(unit_dates) or bool(cues().when.search(unit.text))
    return introduces and (says_when or bool(unit_places))


def _turns_to_another(text: str) -> bool:
    """A sentence that opens on another incident ("In a separate shooting, ...", "Separately, ...")."""
    text = text.lstrip()
    found = cues().separation.search(text)
    if found is None:
        return False
    # at the start, or after a short lead-in set off by a comma ("Also this weekend, in an unrelated ...")
    before = text[:found.start()]
    return not before.strip() or (len(before) <= SEPARATION_OPENING_CHARS and before.rstrip().endswith(","))
