"""Abductions and the people present: who a held, freed, escaped, missing or present count counts.

Two jobs on the claims the figure reader found in one document (#17):

- the group of a lifecycle count. In a report of a captivity, "129 girls" or "170 people" held, freed or
  escaped are its hostages; teachers, children or a nationality named among them are civilians. People
  counted as present (inside the hotel, on the bus) are civilians unless the text calls them hostages,
  passengers or attackers.
- counts the verb reading misses because no verb says what happened: the people a state phrase places
  ("168 people were unaccounted for", "11 girls still in captivity", "14 were still with the
  kidnappers", "still being held") and the people present ("a bus carrying over 30 engineers", "over
  300 people were inside", "200 people were praying at the mosque").

The words are in lexicons/captivity.json; the figure rules' verbs and nouns in figure_triggers.json and
group_nouns.json.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from accord.extract.extensions import doc_text
from accord.extract.figure_counting import (
    PERSON_PRONOUNS,
    coordinated,
    count_of,
    is_numberish,
    may_name_people,
    not_a_count,
    person_group,
)
from accord.extract.figures.cache import doc_words
from accord.extract.figures.modality import modality_of
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.extract.sources import find_source
from accord.lexicons import load_lexicon
from accord.models import Claim, Interval


@cache
def _lexicon() -> dict[str, Any]:
    return load_lexicon("captivity")


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(_lexicon()[key])


def _mentions(doc: Doc, key: str) -> bool:
    # the document's words read once from its arrays (figures.cache): a walk over its tokens built a
    # Token and two strings per word, for every key asked
    words, read = _words(key), doc_words(doc)
    return not (words.isdisjoint(read.lemmas) and words.isdisjoint(read.lowers))


def is_captivity_report(doc: Doc) -> bool:
    """Whether ``doc`` tells of people taken or held captive (any of its words says so)."""
    return _mentions(doc, "captivity_words")


def _people_nouns(doc: Doc, span: tuple[int, int]) -> list[Token]:
    """The nouns naming the people of a figure phrase; of its partitive when it has none ("none of the gunmen")."""
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    if phrase is None:
        return []
    nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound" and _person_word(t)
             and t.lower_ not in PERSON_PRONOUNS]
    if not nouns and len(phrase) <= 3:
        nouns = [o for t in phrase for p in t.children if p.lower_ == "of" for o in p.children
                 if o.dep_ == "pobj" and _person_word(o)]
    return nouns


def _person_word(token: Token) -> bool:
    return person_group(token) is not None or token.ent_type_ == "NORP"


def _noun_group(lemmas: set[str], measure: str, report: tuple[bool, bool]) -> str | None:
    """The group of people named by ``lemmas`` (None: no noun) counted under a lifecycle ``measure``.

    ``report`` says whether the report tells of a captivity and of people taken away.
    """
    captivity, abduction = report
    captive = _words("captive_nouns")
    if not lemmas:
        # "abducting 62", "dozens kidnapped", "over 50 were missing": the report's own captives
        if measure == "missing":
            return "hostages" if abduction else None
        return "hostages" if captivity else None
    if lemmas <= _words("generic_nouns"):
        if measure == "missing":
            return "hostages" if abduction and lemmas != {"people"} else None
        return "hostages" if captivity else ("civilians" if measure == "rescued" else None)
    if lemmas <= captive:
        return "hostages" if captivity else None
    if not lemmas & captive:
        return "civilians"  # teachers, children, tourists, a nationality
    return None  # "two teachers and five students": a mixed list


def lifecycle_group(claim: Claim, doc: Doc, report: tuple[bool, bool]) -> str:
    """The group of a held/released/rescued/escaped/missing ``claim``, from the people it names."""
    nouns = _people_nouns(doc, claim.span)
    lemmas = {t.lemma_.lower() for t in nouns}
    if claim.measure not in _words("lifecycle_measures"):
        return claim.group
    if claim.group == "hostages" and nouns and all(person_group(t) == "all" for t in nouns):
        # "freed four teachers": the figure rules take whoever is freed for hostages
        return _noun_group(lemmas, claim.measure, report) or claim.group
    if claim.group != "all":
        return claim.group
    if nouns and all(person_group(t) == "attackers" for t in nouns):
        return "attackers"  # "none of the gunmen had escaped"
    return _noun_group(lemmas, claim.measure, report) or claim.group


# --------------------------------------------------------------------------- counts a state places


def _may_count(head: Token, people: list[bool]) -> bool:
    """Whether ``head`` may have a count (``_count_at``): a number, or a word naming people (``people``:
    :func:`may_name_people` of its document, which rules out most words without reading them)."""
    return _is_number(head) or (people[head.i] and _person_word(head))


def _is_number(head: Token) -> bool:
    return head.pos_ == "NUM" or (head.pos_ == "ADJ" and is_numberish(head))


def _count_at(head: Token, whole: bool = False) -> tuple[Count, int, int] | None:
    """The written count of the people ``head`` names: (count, start char, end char); with ``whole``, of
    the whole group a partitive takes its part from ("two of 17 abducted members": 17)."""
    if _is_number(head):
        words = [t for t in head.subtree if is_numberish(t) and not not_a_count(t) and t.i <= head.i]
        count = parse_count(" ".join(t.text for t in words)) if words else None
        if count is None:
            return None
        of_noun = next((o for p in head.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
        end = (of_noun or head).idx + len((of_noun or head).text)
        return count, words[0].idx, end
    if not _person_word(head):
        return None
    lone = next((c for c in head.children if c.dep_ == "amod" and (c.lower_ in _words("lone_words") or _ordinal(c))), None)
    if lone is not None and not any(c.dep_ == "nummod" for c in head.children):
        # "a lone gunman"; "the hunt for the second attacker": an ordinal names one more person
        return Count(Interval(1, 1), "exact"), lone.idx, head.idx + len(head.text)
    found = count_of(head)
    if found is None or not found[2]:
        return None
    of = next((t for t in head.doc[head.left_edge.i : head.i] if t.lower_ == "of" and t.idx > found[1]), None)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and found[1] < head.head.idx:
        of = head.head
    elif of is None or not whole:
        of = None
    if of is not None:
        # "two of 17 abducted members": the noun's own count is after the "of"
        own = [t for t in head.doc[of.i + 1 : head.i] if is_numberish(t) and not not_a_count(t)]
        count = parse_count(" ".join(t.text for t in own)) if own else None
        return (count, own[0].idx, head.idx + len(head.text)) if count is not None else None
    return found[0], found[1], head.idx + len(head.text)


def _still(verb: Token) -> bool:
    still = _words("still_words")
    return verb.lemma_.lower() in still or any(c.lower_ in still or c.lemma_.lower() in still
                                               for c in verb.children if c.dep_ in ("advmod", "aux", "auxpass"))


def _state_of(verb: Token) -> tuple[str, Token] | None:
    """What a verb and its complements say of where its subject's people are: (measure, anchor)."""
    lexicon = _lexicon()
    if verb.lower_ in lexicon["states"] and not any(c.dep_ == "dobj" for c in verb.children):
        # "61 passengers were unaccounted for" parsed with the adjective as head, "186 children are missing"
        # parsed as a verb
        return lexicon["states"][verb.lower_], verb
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd", "advmod", "xcomp") and child.lower_ in lexicon["states"]:
            return lexicon["states"][child.lower_], child
        if child.dep_ != "prep":
            continue
        # "were still listed as missing"
        state = next((c for c in child.children if child.lower_ == "as" and c.lower_ in lexicon["states"]), None)
        if state is not None:
            return lexicon["states"][state.lower_], state
        for obj in (o for o in child.children if o.dep_ == "pobj"):
            if obj.lemma_.lower() in lexicon["state_objects"]:
                return lexicon["state_objects"][obj.lemma_.lower()], obj
            if child.lower_ in _words("with_captors") and person_group(obj) == "attackers" and _still(verb):
                return "held", obj  # "14 were still with the kidnappers"
    if verb.lemma_.lower() in _words("still_held_verbs") and verb.tag_ == "VBN" and (_still(verb) or any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() in _words("hostage_nouns") for c in verb.children)):
        return "held", verb  # "eight of the girls were still being held", "36 hostages are being held"
    for among in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"):
        for obj in (o for o in among.children if o.dep_ == "pobj"):
            if obj.lemma_.lower() in _words("hostage_nouns") or any(
                    a.dep_ == "acl" and a.lemma_.lower() in _words("still_held_verbs") for a in obj.children):
                return "held", obj  # "three Germans were still among those held"
    return None


def _present_at(verb: Token) -> Token | None:
    """The word placing a verb's subject at the scene: "were inside", "were in the club", "had gathered"."""
    lemma = verb.lemma_.lower()
    if lemma not in _words("present_verbs"):
        return None
    if lemma not in _words("present_verbs_with_place"):
        return verb  # "150 people were praying", "400 recruits were gathering"
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in _words("present_adverbs"):
            return child
        if child.dep_ == "prep" and child.lower_ in _words("present_prepositions"):
            if child.lower_ in _words("present_adverbs"):
                return child
            if any(o.lemma_.lower() in _words("present_places") for o in child.children if o.dep_ == "pobj"):
                return child
    return None


def _carried(verb: Token) -> bool:
    """ "a bus carrying 30 engineers", "the aircraft, carrying 190 occupants": a vehicle's people."""
    if verb.lemma_.lower() not in _words("carrying_verbs"):
        return False
    vehicles = _words("vehicle_nouns")
    bearer = verb.head if verb.dep_ in ("acl", "advcl", "relcl") else \
        next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return bearer is not None and bearer.lemma_.lower() in vehicles


def _participle_measure(head: Token) -> tuple[str, Token] | None:
    """ "the 129 girls taken", "17 abducted members", "110 girls it had abducted", "the 82 freed schoolgirls"."""
    held, freed = _words("held_participles"), _words("freed_participles")
    for child in head.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("acl", "amod") and child.tag_ in ("VBN", "JJ"):
            if lemma in held or child.lower_ in held:
                return "held", child
            if lemma in freed or child.lower_ in freed:
                return "released", child
        if child.dep_ == "relcl" and lemma in held and child.tag_ == "VBN" and \
                not any(c.dep_ in ("nsubjpass", "dobj") for c in child.children):
            return "held", child  # the relative clause's object is the counted people
    return None


def _existential(token: Token) -> bool:
    """ "There were 10 terrorists", "there were approximately 320 people in the club" (not "there are 104 dead")."""
    verb = token.head
    # "there were believed to be more than 500 people in the club": the expletive on the verb above
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    return token.dep_ == "attr" and token.pos_ == "NOUN" and verb.lemma_ == "be" and \
        any(c.dep_ == "expl" for v in verbs for c in v.children)


def _attackers_taking_part(token: Token) -> bool:
    """Counted attackers said to take part: subject of the attack ("a group of 10 militants attacked",
    "up to 30 militants fired"), its agent ("by two suicide bombers") or counted as such ("a total of 32
    militants"); never one of a list of the dead, "other" attackers, an ordinal ("a second bomber") or one
    attacker told of without "only"."""
    if token.dep_ in ("conj", "appos") or _participle_measure(token) is not None:
        return False  # one of a list of the dead; "the three released militants"
    if person_group(token) != "attackers" and not _attacking(token):
        return False
    if any(c.dep_ == "amod" and (c.lower_ in ("other", "another") or _ordinal(c)) for c in token.children):
        return False
    counted = count_of(token)
    if counted is not None and counted[0].value.low == counted[0].value.high == 1 and not _only_one(token):
        return False  # "one attacker blew himself up" (but "more than one attacker was involved" counts)
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in _words("attackers_acting_preps") or \
            (head.lower_ == "of" and head.head.lemma_.lower() in _words("collective_nouns"))
    if token.dep_.startswith("nsubj"):
        return head.lemma_.lower() not in _figure_verbs() or _attacking(token)
    return _existential(token)


def _only_one(token: Token) -> bool:
    """ "only one gunman", "a lone attacker": one said as a count."""
    return any(c.lower_ in ("only", "just") or c.lower_ in _words("lone_words") for c in token.subtree)


def _attacking(token: Token) -> bool:
    """Counted people who attack: "two men set off suicide vests", "three men took hostages"."""
    verb = token.head
    needs = _lexicon()["attacking_verbs"].get(verb.lemma_.lower())
    if token.dep_ != "nsubj" or needs is None or person_group(token) != "all" or token.pos_ != "NOUN":
        return False
    return not needs or any(c.lower_ in needs for c in verb.children if c.dep_ in ("dobj", "prt"))


@cache
def _figure_verbs() -> frozenset[str]:
    """Verbs that already say what happened to their people (killed, arrested, released...)."""
    lexicon = load_lexicon("figure_triggers")
    return frozenset(lexicon["patient_verbs"]) | frozenset(lexicon["subject_verbs"])


def _counted_speakers(token: Token) -> bool:
    """ "We were 150 to 200 people": the speakers count those there."""
    verb = token.head
    return token.dep_ == "attr" and verb.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in _words("we_pronouns") for c in verb.children)


def _held_by_place(token: Token) -> bool:
    """ "The club held more than 600 people at the time": a place and the people in it."""
    verb = token.head
    return token.dep_ == "dobj" and verb.lemma_.lower() in _words("holding_verbs") and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _words("present_places") for c in verb.children)


def _present_on_noun(token: Token) -> bool:
    """ "the estimated 750 people inside"."""
    return any(c.dep_ == "advmod" and c.lower_ in _words("present_adverbs") for c in token.children)


def _readings(token: Token, captivity: bool) -> list[tuple[str, Token, str]]:
    """What the words around a counted head say of its people: (measure, anchor, which claims it yields to).

    A reading is new where no claim already counts the same people: under its measure ("measure"), with its
    value ("value": "82 girls kidnapped" already counted released) or at all ("any")."""
    found: list[tuple[str, Token, str]] = []
    verb = token.head
    away = _got_away(token, verb)
    if away is not None:
        found.append(("escaped", away, "measure"))
    elif captivity and token.dep_ == "nsubj" and verb.lemma_.lower() in _words("fleeing_verbs") and \
            person_group(token) != "attackers":
        found.append(("escaped", verb, "measure"))  # "five people fled the cafe" where people were held
    subject = token if token.dep_.startswith("nsubj") else _collective(token)
    if subject is not None:
        verb = subject.head  # "a total of 129 girls are thought to have been at the school": the total's verb
    if verb.pos_ == "AUX" and verb.head.pos_ == "ADJ" and verb.head.i != verb.i:
        verb = verb.head  # "61 passengers were unaccounted for", the subject hung on the auxiliary
    if subject is not None and subject.dep_.startswith("nsubj") and verb.pos_ in ("VERB", "AUX", "ADJ"):
        # "Fifty people believed to have been in the complex remained unaccounted for": a verb sharing the subject
        shared = [c for c in verb.children if c.dep_ in ("conj", "ccomp") and c.pos_ in ("VERB", "AUX") and
                  not any(s.dep_.startswith("nsubj") for s in c.children)]
        state = next((read for v in (verb, *shared) if (read := _state_of(v)) is not None), None)
        if state is not None:
            found.append((*state, "measure"))
        elif _present_at(verb) is not None or any(_present_at(x) is not None for x in verb.children if x.dep_ == "xcomp"):
            found.append(("present", verb, "measure"))  # "129 girls are thought to have been at the school"
        elif subject is not token and subject.dep_ == "nsubjpass" and \
                (measure := _figure_verb_measure(verb)) in _words("lifecycle_measures"):
            found.append((measure, verb, "measure"))  # "a first group of 21 girls were released"
    if token.dep_ == "dobj" and _carried(verb):
        found.append(("present", verb, "measure"))
    if (_existential(token) and person_group(token) != "attackers") or _present_on_noun(token) or \
            _counted_speakers(token) or _held_by_place(token):
        found.append(("present", token, "measure"))
    participle = _participle_measure(token)
    if participle is not None:
        freeing = _freeing_verb(token)
        if freeing is not None:
            found.append((*freeing, "measure"))  # "returned 35 students abducted last month"
        found.append((*participle, "value"))  # "two of 19 abducted members were freed": 19 were held
    if _attackers_taking_part(token):
        found.append(("present", token, "any"))  # counted attackers nothing else counts took part
    outcome = _outcome_noun(token)
    if outcome is not None:
        found.append((*outcome, "measure"))
    return found


def _got_away(token: Token, verb: Token) -> Token | None:
    """The word saying counted people got away: "one more was on the run", "one suspect is still being
    sought", "a manhunt for at least one attacker", "hunting for two or three others"."""
    lexicon = _lexicon()
    if token.dep_.startswith("nsubj"):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in lexicon["at_large"]):
            if any(o.lower_ in lexicon["at_large"][prep.lower_] for o in prep.children):
                return prep
        if verb.lower_ == "large" or any(c.lower_ == "large" and c.dep_ in ("advmod", "acomp") for c in verb.children):
            return verb  # "three remain at large", parsed without the preposition
        if token.dep_ == "nsubjpass" and verb.lemma_.lower() in _words("hunted_verbs"):
            return verb
        return None
    if token.dep_ != "pobj" or token.head.lower_ != "for":
        return None
    hunt = token.head.head  # "a manhunt for", "hunting for", "embarked on a manhunt for", "launched a manhunt for"
    hunts = [hunt, *(c for c in hunt.children if c.dep_ == "dobj"),
             *(o for p in hunt.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")]
    return next((h for h in hunts if h.lemma_.lower() in _words("hunt_nouns")), None)


def _collective(token: Token) -> Token | None:
    """The subject whose "of" names the counted people: "a total of 129 girls", "a first group of 21 girls"."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return None
    noun = token.head.head
    return noun if noun.dep_.startswith("nsubj") and noun.lemma_.lower() in _words("collective_nouns") else None


def _outcome_noun(token: Token) -> tuple[str, Token] | None:
    """ "the release of the remaining 23 hostages", "the rescue of five students and two teachers"."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return None
    noun = token.head.head
    measure = _lexicon()["outcome_nouns"].get(noun.lemma_.lower())
    if measure is None or noun.pos_ != "NOUN":
        return None
    if noun.head.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in noun.head.children):
        return None  # "to secure the release of the remaining 14": sought, not done
    return measure, noun


def _new_claim(doc: Doc, measure: str, group: str, count: Count, span: tuple[int, int], anchor: Token,
               modality: str, quotes: list[Any]) -> Claim:
    sent = anchor.sent
    return Claim(
        measure=measure, group=group, value=count.value, hedge=count.hedge, modality=modality,
        source=find_source(anchor, span, quotes), article=doc._.article_id or "", sentence=sent.text, span=span,
        sentence_span=(sent.start_char, sent.end_char), text=doc_text(doc)[span[0] : span[1]],
    )


def _people_group(token: Token) -> str:
    of_noun = next((o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    if of_noun is not None and person_group(of_noun) is not None:
        return person_group(of_noun) or "all"
    return person_group(token) or "all"


def state_claims(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Counts placed by a state, a scene or a participle that no claim in ``claims`` already gives."""
    quotes = doc._.quotes or []
    taken = [(c.measure, c.value.low, c.span) for c in claims]
    found: list[Claim] = []
    captivity = is_captivity_report(doc)
    people = may_name_people(doc)
    for token in doc:
        if not _may_count(token, people):
            continue  # no count to read: the readings below would be dropped (most words of a report)
        counts: dict[bool, tuple[Count, int, int] | None] = {}
        for measure, anchor, unless in _readings(token, captivity):
            whole = unless == "value"
            if whole not in counts:
                counts[whole] = _count_at(token, whole=whole)
            counted = counts[whole]
            if counted is None:
                continue
            count, start, end = counted
            if count.hedge == "vague" and doc_text(doc)[start:end].split()[0].lower() in _words("vague_few"):
                continue  # "many were celebrating": nobody counted
            if measure == "present" and count.value.high == 1 and not _only_one(token):
                continue  # "one of its reporters was inside": somebody there, not a count of who was
            if any(s[0] < end and start < s[1] and (unless == "any" or (unless == "measure" and m == measure) or
                                                    (unless == "value" and low == count.value.low))
                   for m, low, s in taken):
                continue
            mood = modality_of(anchor)
            if mood is None:
                continue
            group = _people_group(token)
            if unless == "any" or (measure == "escaped" and group == "all" and
                                   anchor.lemma_.lower() not in _words("fleeing_verbs")):
                group = "attackers"  # people attacking, people hunted for, are attackers
            elif measure == "present" and group == "all" and _person_word(token) and token.lower_ not in PERSON_PRONOUNS:
                group = "civilians"  # people inside the hotel, at the rally, on the bus when it was attacked
            if measure == "present" and count.value.high == 0:
                continue  # "no suspect": nobody counted as taking part
            claim = _new_claim(doc, measure, group, count, (start, end), anchor, mood, quotes)
            taken.append((measure, count.value.low, claim.span))
            found.append(claim)
    return found


def _not_present(claim: Claim, doc: Doc) -> bool:
    """ "I carried four bodies": the dead, not people present; "a second bomber": which one, not how many."""
    if claim.measure != "present":
        return False
    corpses = frozenset(load_lexicon("figure_triggers")["corpse_nouns"])
    nouns = _people_nouns(doc, claim.span)
    # "dozens of children were carried past her": the dead or hurt carried out, not people aboard
    phrase = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    carried = phrase is not None and phrase.root.dep_ == "nsubjpass" and \
        phrase.root.head.lemma_.lower() in _words("carrying_verbs")
    # "one attacker blew himself up": which one, not how many took part ("only one", "a lone gunman" are)
    one = claim.value.low == claim.value.high == 1 and not any(_only_one(t) for t in nouns)
    return carried or one or any(
        t.lemma_.lower() in corpses or (t.dep_ == "appos" and t.head.lemma_.lower() in corpses) or
        any(_ordinal(c) or (c.dep_ == "amod" and c.lower_ in ("other", "another") and claim.group == "attackers")
            for c in t.children)
        for t in nouns)


def _ordinal(token: Token) -> bool:
    return token.dep_ == "amod" and token.tag_ == "JJ" and (count := parse_count(f"a {token.lower_}")) is not None \
        and count.hedge == "at_least"


def _head_noun(claim: Claim, doc: Doc) -> Token | None:
    nouns = _people_nouns(doc, claim.span)
    if nouns:
        return nouns[0]
    phrase = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    return phrase.root if phrase is not None else None


def _figure_verb_measure(verb: Token) -> str | None:
    """The measure a patient verb of the figure rules gives its people ("released": released)."""
    return load_lexicon("figure_triggers")["patient_verbs"].get(verb.lemma_.lower())


def _freeing_verb(noun: Token) -> tuple[str, Token] | None:
    """The verb that frees the people ``noun`` names, as its object or passive subject: (measure, verb)."""
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.i == noun.i:
        return None
    lemma = noun.head.lemma_.lower()
    measure = load_lexicon("figure_triggers")["patient_verbs"].get(lemma) or _lexicon()["returning_verbs"].get(lemma)
    return (measure, noun.head) if measure in ("released", "rescued") else None


def _lifecycle_verb(claim: Claim, doc: Doc, captivity: bool) -> Claim:
    """The verb over the people decides, not a participle recalling their abduction: "returned 105 girls
    abducted from Dapchi" (released); in a report of a captivity, victims "captured" are held, not arrested."""
    noun = _head_noun(claim, doc)
    if noun is None:
        return claim
    freeing = _freeing_verb(noun)
    if claim.measure == "held" and freeing is not None:
        return replace(claim, measure=freeing[0])
    if claim.measure == "arrested" and captivity and claim.group != "attackers" and noun.dep_ in ("dobj", "nsubjpass") \
            and noun.head.lemma_.lower() in _words("capture_verbs"):
        return replace(claim, measure="held")
    return claim


def _uncounted(claim: Claim, doc: Doc) -> bool:
    """A lifecycle figure no number states: "a woman flees after being held hostage", "Red Cross personnel
    rescue a woman", "took a theater audience hostage" (the word "hostage" says how they are held, not how many).

    Conflict reporting counts captives with numbers ("one", "two"); an "a" is not a count. The ordinal
    readings above ("the third attacker") state their count in a word of order.
    """
    if claim.measure not in _words("lifecycle_measures"):
        return False
    phrase = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if phrase is None:
        return False
    if phrase[-1].lemma_.lower() in _words("hostage_nouns") and phrase[-1].dep_ in ("oprd", "advmod", "xcomp", "npadvmod",
                                                                                  "acomp", "attr", "dobj"):
        if claim.value.low == 1 and not any(is_count_word(t.text) and t.lower_ == "one" for t in phrase):
            return True  # "took a theater audience hostage", "held over 100 people hostage" read as one hostage
    return not any(is_count_word(t.text) or _ordinal(t) or t.lower_ in _words("lone_words") or t.lower_ in _words("zero_words")
                   for t in phrase)


def _held_not_present(claim: Claim, doc: Doc) -> Claim:
    """ "holed up in the mall with about 36 hostages": hostages there are held."""
    if claim.measure != "present" or claim.group != "hostages":
        return claim
    nouns = _people_nouns(doc, claim.span)
    if nouns and all(t.lemma_.lower() in ("hostage", "captive") for t in nouns):
        return replace(claim, measure="held")
    return claim


def _listed_parts(claim: Claim, doc: Doc, report: tuple[bool, bool]) -> list[Claim]:
    """The counted parts of a lifecycle list, each a subset: "two teachers and five students had been
    rescued", "the 11 passengers, five males and six females", "400 hostages, including 200 children"."""
    if claim.measure not in _words("lifecycle_measures") and claim.measure != "present":
        return []
    nouns = _people_nouns(doc, claim.span)
    nouns += [c for t in list(nouns) for c in coordinated(t) if c not in nouns and _person_word(c)]
    head = doc.char_span(claim.span[0], claim.span[1], alignment_mode="expand")
    if head is not None:
        nouns += [o for t in head if t in nouns for p in t.children if p.lower_ in ("including", "among")
                  for o in p.children if o.dep_ == "pobj" and _person_word(o)]
    parts = []
    for noun in nouns:
        counted = _count_at(noun)
        if counted is None or (counted[1] == claim.span[0] and counted[0].value == claim.value):
            continue  # the total itself
        count, start, end = counted
        group = person_group(noun) or "all"
        if group == "all":
            group = "civilians" if claim.measure == "present" else \
                _noun_group({noun.lemma_.lower()}, claim.measure, report) or "all"
        parts.append(replace(claim, group=group, value=count.value, hedge=count.hedge, span=(start, end),
                             text=doc_text(doc)[start:end], scope="subset"))
    return parts if len(parts) >= 1 and (len(nouns) >= 2) else []


def with_captivity(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """``claims`` with the counts only a state or a scene gives added, and lifecycle groups told apart."""
    report = (is_captivity_report(doc), _mentions(doc, "abduction_words"))
    claims = [_lifecycle_verb(c, doc, report[0]) for c in claims]
    claims = claims + state_claims(doc, claims)
    away = [c.span for c in claims if c.measure == "escaped"]
    # "three attackers remain at large": those who got away, not a count of who took part
    claims = [c for c in claims if not _not_present(c, doc) and not (c.measure == "present" and c.span in away)
              and not _uncounted(c, doc)]
    claims = [_held_not_present(replace(c, group=lifecycle_group(c, doc, report)), doc) for c in claims]
    claims += [part for c in claims if c.scope != "subset" for part in _listed_parts(c, doc, report)]
    return sorted(claims, key=lambda c: c.span[0])


__all__ = ["is_captivity_report", "lifecycle_group", "state_claims", "with_captivity"]
