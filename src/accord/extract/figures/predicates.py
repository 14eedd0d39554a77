"""What happened to the people a noun names: the predicate over them, read by its grammatical role.

The passive subject or object of a patient verb ("were killed", "killed two"), the subject of
"died"/"escaped", of "is dead", a reduced relative ("two people killed in"), "left three dead".
Verbs sharing the subject through coordination count ("shot and killed"). Trigger lemmas are data
(lexicon ``figure_triggers``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from accord.extract.figure_counting import (
    count_of,
    person_group,
    vague_words,
)
from accord.extract.figures.hits import HIT, trigger_words, triggers

#: How far a parenthesis set off by dashes may run: "four other teens — ages 14, 16, 17 and 18 — injured".
_DASH_REACH = 15


def verb_chain(verb: Token, subject: bool = True) -> list[Token]:
    """``verb`` and the verbs sharing its subject (or, with ``subject=False``, its object) by coordination."""
    chain = [verb]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if subject and verb.dep_ == "conj" and not has_subject and verb.head.pos_ in ("VERB", "AUX"):
        chain.append(verb.head)
    own_role = ("nsubj", "nsubjpass") if subject else ("nsubj", "nsubjpass", "dobj")
    for child in verb.children:
        if child.dep_ in ("conj", "xcomp") and child.pos_ in ("VERB", "ADJ") and \
                not any(c.dep_ in own_role for c in child.children):
            chain.append(child)
    return chain


def _fatal(verb: Token) -> bool:
    fatal = set(triggers()["fatal"])
    for child in verb.children:
        if child.lower_ in fatal or child.lemma_.lower() in fatal:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_ == "death" for g in child.children):
            return True
    return False


def _nonfatal(verb: Token) -> bool:
    nonfatal = set(triggers()["nonfatal"])
    return any(t.lower_ in nonfatal for t in verb.subtree if t.i - verb.i < 6)


def patient_measure(verb: Token) -> str | None:
    lexicon = triggers()
    lemma = verb.lemma_.lower()
    measure = lexicon["patient_verbs"].get(lemma)
    if measure is None:
        return None
    needs = lexicon["held_needs"].get(lemma)
    if needs and not any(t.lemma_.lower() in needs for t in verb.subtree if t.i > verb.i):
        return None
    if measure == "released" and any(t.lemma_.lower() in lexicon["release_not_captive"] for t in verb.subtree
                                     if t.i > verb.i and not _freeing_agent_word(verb, t)):
        return None  # released from jail or hospital: nobody was held captive
    if measure == "released" and lemma in lexicon["freeing_verbs"] and _freed_by_security(verb):
        return "rescued"  # "the army freed 350 passengers": a rescue, not captors letting people go
    if measure in (HIT, "injured") and _fatal(verb):
        return "killed"
    if measure == HIT and _nonfatal(verb):
        return "injured"
    return measure


def _freeing_agent(verb: Token) -> Token | None:
    """Who frees: the active subject ("the army freed ...") or the passive agent ("... freed by commandos"),
    or the subject of the clause a participle adds to ("troops stormed the theater, freeing hundreds")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return None


def _freeing_agent_word(verb: Token, word: Token) -> bool:
    """Whether ``word`` names who "freed" people ("freed by the police"): a rescuer, not a custody left.

    "Released by police" stays a release from police custody: only "release" is said of suspects.
    """
    agent = _freeing_agent(verb)
    return verb.lemma_.lower() != "release" and agent is not None and agent.left_edge.i <= word.i <= agent.i


def _freed_by_security(verb: Token) -> bool:
    agent = _freeing_agent(verb)
    if agent is None:
        return False
    forces = set(triggers()["rescuing_agents"])
    names = [agent, *(c for c in agent.children if c.dep_ == "compound")]
    return person_group(agent) == "security" or any(t.lemma_.lower() in forces or t.lower_ in forces for t in names)


def state_measure(token: Token) -> str | None:
    """A state word ("dead", "injured", "in critical condition") among ``token``'s complements."""
    states = triggers()["states"]
    for child in token.children:
        if child.dep_ in ("acomp", "oprd", "attr", "amod", "xcomp", "advmod") and child.lower_ in states:
            return states[child.lower_]
        if child.dep_ == "prep" and child.lower_ in ("in", "on"):
            for obj in child.children:
                if obj.lemma_ == "condition" and any(a.lower_ in states for a in obj.children):
                    return "injured"
                if obj.lower_ in ("board",):
                    return "present"
        # "another is fighting for her life", "clinging to life": alive, badly hurt
        if child.dep_ == "prep" and child.lower_ in ("for", "to") and token.lemma_.lower() in triggers()["struggle_verbs"] \
                and any(obj.lemma_.lower() == "life" for obj in child.children):
            return "injured"
    return None


def corpse(head: Token) -> bool:
    """ "a man's body was found", "police recovered two bodies": a dead person."""
    lexicon = triggers()
    if head.lemma_.lower() not in lexicon["corpse_nouns"] or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    # found, recovered, identified: "her body froze" or "lifting the body of a boy" says nobody died
    return head.head.lemma_.lower() in lexicon["corpse_verbs"]


def arrest_unreal(noun: Token) -> bool:
    """An arrest noun that says nobody was arrested: a warrant "for his arrest", information "leading to an
    arrest", "no arrests", "police have not made an arrest"."""
    if noun.head.lower_ == "for" or any(a.tag_ == "VBG" and a.lemma_ == "lead" for a in noun.ancestors):
        return True
    return any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "n't") for c in (*noun.children, *noun.head.children))


def both_said(head: Token) -> bool:
    """ "X and Y were both killed" with a list the parse broke: "both" on the verb says two people."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or head.tag_ == "NNS" or \
            not any(c.lower_ == "both" for c in verb.children):
        return False
    # counted one with an "and" before the verb: the parse or the entity tagger lost the other person
    return any(t.lower_ == "and" for t in head.doc[head.left_edge.i : verb.i])


def with_wound(head: Token) -> tuple[str, Token] | None:
    """ "A man with a gunshot wound showed up at a diner", "police found a teen with injuries": hurt people.

    The "with" phrase hangs on the people or on their verb; on a verb it is its object's or, with no
    person as object, its subject's ("showed up with a wound"). Those "found with a gunshot wound" are
    as often the dead of the story as the hurt: the finding alone says nothing.
    """
    if head.head.lemma_.lower() in triggers()["finding_verbs"]:
        return None
    holders = [head]
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = head.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and person_group(c) is not None]
        if head.dep_ == "dobj" or not objects:
            holders.append(verb)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for wound in prep.children:
                if wound.dep_ == "pobj" and wound.lemma_.lower() in trigger_words("wound_nouns"):
                    fatal = any(a.lower_ in trigger_words("fatal_wound_words") for a in wound.children)
                    return ("killed" if fatal else "injured"), wound
    return None


def arrested_for_other(verb: Token) -> bool:
    """An arrest for something else than the attack: "on an outstanding warrant", "charged with child neglect"."""
    cues = _unrelated_charges()
    return any(t.lemma_.lower() in cues for t in verb.subtree if t.i > verb.i)


@cache
def _unrelated_charges() -> frozenset[str]:
    return frozenset(triggers()["unrelated_charges"])


@cache
def _surrender_lemmas() -> frozenset[str]:
    surrender = triggers()["surrender"]
    return frozenset([*surrender["verbs"], *(phrase.split()[0] for phrase in surrender["reflexive_phrasal"])])


def to_hospital(verb: Token) -> bool:
    """ "taken to the hospital", "rushed to a trauma center": a verb of carrying the people to care."""
    lexicon = triggers()["hospital"]
    if verb.lemma_.lower() not in lexicon["verbs"]:
        return False
    return any(p.dep_ == "prep" and p.lower_ == "to" and any(o.lemma_.lower() in lexicon["places"] for o in p.children)
               for p in verb.children)


def brought_in(head: Token, verb: Token) -> bool:
    """Whether a hospital statement brings people in ("three other men", "18 members ... with gunshot
    wounds") rather than speaking again of those counted ("all four victims", "both boys", "the man"):
    it counts people besides others, or people and their wounds or condition; those it takes for
    observation, or where somebody died, include the unhurt and the dead."""
    children = {c.lower_ for c in head.children}
    if children & {"all", "both"} or head.lower_ == "both":
        return False
    if children & trigger_words("besides_words"):
        return True
    after = [t.lemma_.lower() for t in verb.subtree if t.i > verb.i]
    return any(t.like_num or t.lower_ in vague_words() for t in head.subtree if t.i < head.i) and \
        bool(set(after) & (trigger_words("wound_nouns") | {"condition"})) and not set(after) & (trigger_words("death_lemmas") | {"observation"})


def surrender_measure(verb: Token) -> str | None:
    """ "turned himself in", "gave himself up", "surrendered to police": the subject is arrested."""
    surrender = triggers()["surrender"]
    lemma = verb.lemma_.lower()
    if lemma not in _surrender_lemmas():
        return None
    if verb.dep_ == "xcomp" or any(c.tag_ == "TO" for c in verb.children):
        return None  # "refused to surrender", "wished to surrender", "agreed to turn himself in": not yet
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if lemma in surrender["verbs"] and not any(not reflexive(o) for o in objects):
        return "arrested"
    doc = verb.doc
    for obj in objects:
        following = doc[obj.i + 1].lower_ if obj.i + 1 < len(doc) else ""
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"} | {following}
        if reflexive(obj) and any(f"{lemma} {p}" in surrender["reflexive_phrasal"] for p in particles):
            return "arrested"
    return None


def complement_outcome(verb: Token) -> str | None:
    """ "found dead", "was found fatally shot": the state a verb of finding puts its people in."""
    if verb.lemma_.lower() not in triggers()["finding_verbs"]:
        return None
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp", "acomp", "ccomp") and child.tag_ == "VBN":
            measure = patient_measure(child)
            if measure is not None:
                return measure
    # the parser may tear "found fatally shot" apart: read the words right after the verb
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].tag_ == "RB" and i - verb.i <= 2:
        i += 1
    if i >= len(doc) or doc[i].tag_ != "VBN" or doc[i].dep_ in ("relcl", "acl"):
        return None
    measure = patient_measure(doc[i])
    fatal = set(triggers()["fatal"])
    if measure in (HIT, "injured") and any(t.lower_ in fatal for t in doc[verb.i + 1 : i]):
        return "killed"
    return measure


def left_in_state(people: Token) -> str | None:
    """ "a shooting which left six others injured": the state word right after the people "left".

    The parser often hangs the participle on another word ("left ... injured" read as "shooting
    injured"), so the word right after the object phrase is read, past a parenthesis set off by dashes.
    """
    doc = people.doc
    i = people.right_edge.i + 1
    if i < len(doc) and doc[i].text in ("\u2014", "--", "-", "("):
        # "four other teens — ages 14 and 16 — injured": skip to the closing dash
        closing = next((t.i for t in doc[i + 1 : i + _DASH_REACH] if t.text in (doc[i].text, ")")), None)
        i = closing + 1 if closing is not None else i
    if i >= len(doc):
        return None
    word = doc[i]
    state = triggers()["states"].get(word.lower_)
    if state in ("killed", "injured"):
        return state
    return patient_measure(word) if word.tag_ == "VBN" else None


def after_being(verb: Token) -> str | None:
    """ "was taken to hospital after being shot", "ran for help after being shot": the subject's own wound.

    A passive gerund under "after"/"following" has no subject of its own: it is the main verb's.
    """
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "following"):
            continue
        for gerund in prep.children:
            if gerund.dep_ == "pcomp" and gerund.tag_ == "VBN" and \
                    any(a.dep_ == "auxpass" and a.lower_ in ("being", "getting") for a in gerund.children):
                return patient_measure(gerund)
    return None


def verb_after(head: Token) -> Token | None:
    """A participle or verb right after the phrase ``head`` ends ("... seven others were hurt")."""
    doc = head.doc
    i = head.right_edge.i + 1
    while i < len(doc) and i <= head.right_edge.i + 3 and doc[i].pos_ == "AUX":
        i += 1
    if i < len(doc) and doc[i].pos_ == "VERB" and doc[i].tag_ in ("VBN", "VBD") and doc[i].i > head.head.i:
        return doc[i]
    return None


def included_attackers(head: Token) -> int:
    """How many attackers "N people, including the gunman" counts among its N."""
    for prep in head.children:
        if prep.lower_ in ("including", "includes", "among") and prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ == "pobj" and person_group(obj) == "attackers":
                    count = count_of(obj)
                    return count[0].value.low or 1 if count else 1
    return 0


def reflexive(token: Token) -> bool:
    return token.lower_ in ("himself", "herself", "themselves")


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it is coordinated with or subordinated to."""
    for candidate in (verb, verb.head, verb.head.head):
        subject = next((c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if candidate.dep_ not in ("conj", "advcl", "pcomp", "xcomp"):
            break
    return None
