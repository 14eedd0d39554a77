"""Who stands behind a figure, normalised so that one source counts once.

Three questions, answered from the ``source_aliases`` lexicon:

* the canonical name of a source ("the ISPR", "the military's media wing" and
  "an army spokesman" are all "military"; "the group" in an incident whose
  perpetrator is the Balochistan Liberation Army is that group);
* the canonical name of an outlet ("AP", "the Associated Press");
* the *identity* used to count independent sources: a named source is itself
  wherever it is quoted; a figure credited to an outlet ("told CNN") is that
  outlet; an unattributed figure is the reporting outlet's own, and a wire copy
  (``Article.copy_of``) reports for the outlet of the article it copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from accord.lexicons import load_lexicon
from accord.models import Article, Claim, Speaker

LEXICON = "source_aliases"

#: Canonical name given to perpetrator references ("the group") when no perpetrator is known.
PERPETRATORS_LABEL = "the perpetrators"

#: Source kinds that speak for the same side; figures growing over time within
#: one family are updates, not disputes.
KIND_FAMILIES: dict[str, str] = {
    "official": "authorities",
    "security": "authorities",
    "perpetrator": "perpetrator",
    "media": "press",
    "unattributed": "press",
    "witness": "witness",
    "expert": "expert",
}

#: Shortest acronym accepted as a perpetrator's name ("BLA"); two letters match too much.
MIN_ACRONYM = 3
#: Upper-case aliases up to this length match only in exact case (the actors lexicon's rule).
SHORT_CODE_LENGTH = 4
#: The actors' alias lexicon (owned by extract's actors component), read for perpetrators' other names.
ACTOR_LEXICON = "aliases"

_POSSESSIVE = re.compile(r"['’]s\b|['’]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_WORDS = re.compile(r"[0-9A-Za-z]+")


def normalise(name: str) -> str:
    """Lower case, possessive 's and punctuation dropped, single spaces: "the military's media-wing" → "the military media wing"."""
    return " ".join(_NON_WORD.sub(" ", _POSSESSIVE.sub("", name.lower())).split())


def kind_family(kind: str) -> str:
    return KIND_FAMILIES.get(kind, "press")


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def acronym(name: str) -> str | None:
    """"Balochistan Liberation Army" → "BLA" (capitalised words only), when long enough to be safe."""
    letters = "".join(word[0] for word in re.findall(r"[A-Za-z][\w-]*", name) if word[0].isupper())
    return letters if len(letters) >= MIN_ACRONYM else None


def _is_short_code(alias: str) -> bool:
    # The actor lexicon's rule: an upper-case alias of four letters or fewer (BLA, IS) matches only
    # in that exact case, so "is" and "bra" in running text are not groups.
    return alias.isupper() and len(alias.replace("-", "")) <= SHORT_CODE_LENGTH


def perpetrator_forms(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ways a report may name a perpetrator: (case-folded forms, exact-case short codes).

    Its name, its aliases in the actors' ``aliases`` lexicon, and its acronym.
    """
    names = [name, *_actor_aliases().get(name.casefold(), ())]
    short = acronym(name)
    if short:
        names.append(short)
    folded = {normalise(n) for n in names if not _is_short_code(n)}
    exact = {" ".join(_WORDS.findall(n)) for n in names if _is_short_code(n)}
    order = lambda form: (-len(form), form)  # noqa: E731 - longest first, stable
    return tuple(sorted((f for f in folded if f), key=order)), tuple(sorted((e for e in exact if e), key=order))


@cache
def _actor_aliases() -> dict[str, tuple[str, ...]]:
    """Canonical actor name (case folded) → its other names, from the actors' lexicon."""
    table = load_lexicon(ACTOR_LEXICON)
    return {canonical.casefold(): tuple(aliases) for canonical, aliases in table.items()
            if not canonical.startswith("_") and isinstance(aliases, list)}


@dataclass(frozen=True)
class _Aliases:
    sources: tuple[tuple[str, str], ...]  # (alias, canonical), longest alias first
    source_kinds: dict[str, str]  # canonical -> the kind of source it is
    outlets: tuple[tuple[str, str], ...]
    perpetrator_references: frozenset[str]
    anonymous_markers: tuple[str, ...]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    indefinite: frozenset[str]


def _by_length(mapping: Mapping[str, Sequence[str]]) -> tuple[tuple[str, str], ...]:
    pairs = {(normalise(alias), canonical) for canonical, aliases in mapping.items() for alias in [canonical, *aliases]}
    # Longest first, so "military media wing" beats "military"; then by text for a stable order.
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0].split()), -len(pair[0]), pair)))


@cache
def _aliases() -> _Aliases:
    data = load_lexicon(LEXICON)
    return _Aliases(
        sources=_by_length({name: entry["aliases"] for name, entry in data["sources"].items()}),
        source_kinds={name: entry["kind"] for name, entry in data["sources"].items()},
        outlets=_by_length(data["outlets"]),
        perpetrator_references=frozenset(normalise(name) for name in data["perpetrator_references"]),
        anonymous_markers=tuple(normalise(marker) for marker in data["anonymous_markers"]),
        pronouns=frozenset(data.get("pronouns", [])),
        determiners=frozenset(data["leading_determiners"]),
        indefinite=frozenset({"a", "an", "one"}),
    )


def _strip_determiner(words: list[str]) -> list[str]:
    aliases = _aliases()
    return words[1:] if len(words) > 1 and words[0] in aliases.determiners else words


def _clean_display(name: str) -> str:
    """The name as written, minus a leading article: "the Interior Ministry" → "Interior Ministry"."""
    words = name.strip().split()
    if len(words) > 1 and words[0].lower() in _aliases().determiners:
        words = words[1:]
    return " ".join(words)


@cache
def canonical_outlet(name: str) -> str:
    """The outlet's canonical name ("AP" → "Associated Press"); unknown outlets keep their name."""
    norm = " ".join(_strip_determiner(normalise(name).split()))
    for alias, canonical in _aliases().outlets:
        if norm == alias:
            return canonical
    return _clean_display(name)


@cache
def outlet_named_in(name: str) -> str | None:
    """A known outlet named inside a longer source name: "some sources, such as CNN" → "CNN"."""
    norm = normalise(name)
    for alias, canonical in _aliases().outlets:
        if _contains(norm, alias):
            return canonical
    return None


@dataclass(frozen=True)
class Resolved:
    """A source after normalisation."""

    canonical: str
    kind: str
    anonymous: bool
    matched: bool = False  # named by the lexicon or as a perpetrator, not just cleaned up


class SourceResolver:
    """Normalises the sources of one incident, whose perpetrators are known.

    Besides the lexicon it uses two hints from the incident itself: the
    speakers of its quotes (``he`` resolved to "Daniel Kiptoo", whose role is
    "county police commander", so: police), and longer names of the same
    person among the incident's sources ("Ruth Njeri" is "Military spokesman
    Colonel Ruth Njeri", so: military).
    """

    def __init__(self, perpetrators: Sequence[str] = (), speakers: Iterable[tuple[str, Speaker]] = (),
                 names: Iterable[str] = ()) -> None:
        self._perpetrators: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
        # Kept in the given order: the first is the main perpetrator, the one "the group" means.
        for name in dict.fromkeys(p.strip() for p in perpetrators if p and p.strip()):
            self._perpetrators.append((name, *perpetrator_forms(name)))
        self._speakers: dict[tuple[str, str], Speaker] = {}
        self._speakers_by_name: dict[str, list[Speaker]] = {}
        for article, speaker in sorted(speakers, key=lambda pair: (pair[0], _speaker_key(pair[1]))):
            self._speakers.setdefault((article, speaker.name.strip()), speaker)
            self._speakers_by_name.setdefault(speaker.name.strip(), []).append(speaker)
        self._active: set[tuple[str, str, str]] = set()
        pronouns = _aliases().pronouns
        self._names = sorted({n.strip() for n in names if n.strip() and normalise(n) not in pronouns})
        self._memo: dict[tuple[str, str, str], Resolved] = {}

    def _perpetrator_for(self, name: str) -> str | None:
        norm, words = normalise(name), " ".join(_WORDS.findall(name))
        for canonical, folded, exact in self._perpetrators:
            if any(_contains(norm, form) for form in folded) or any(_contains(words, form) for form in exact):
                return canonical
        return None

    def _generic_perpetrator(self) -> str:
        return self._perpetrators[0][0] if self._perpetrators else PERPETRATORS_LABEL

    def resolve(self, name: str, kind: str, article: str = "") -> Resolved:
        key = (name.strip(), kind, article)
        if key in self._active:  # a hint chain that comes back to its start ("he" → X → "he")
            return self._resolve_name(key[0], kind)
        if key in self._memo:
            return self._memo[key]
        self._active.add(key)
        resolved = self._resolve_in_context(*key)
        self._active.discard(key)
        if not self._active:
            # Only results reached from the top are kept: one reached inside a hint chain may have
            # been cut short by the cycle guard, and keeping it would make the result order-dependent.
            self._memo[key] = resolved
        return resolved

    def _by_role(self, speaker: Speaker, kind: str) -> Resolved | None:
        described = " ".join(part for part in (speaker.role, speaker.organisation) if part)
        resolved = self._resolve_name(described, kind) if described else None
        return resolved if resolved is not None and resolved.matched else None

    def _resolve_in_context(self, name: str, kind: str, article: str) -> Resolved:
        base = self._resolve_name(name, kind)
        if base.matched or not name:
            return base
        speaker = self._speakers.get((article, name))
        if speaker is not None:
            by_role = self._by_role(speaker, kind)
            if by_role is not None:
                return by_role
            if speaker.resolved and speaker.resolved.strip() != name:
                return self.resolve(speaker.resolved, kind, article)
        # The same person quoted with a role in another report of the incident.
        roles = {(r.canonical, r.kind) for r in (self._by_role(s, kind) for s in self._speakers_by_name.get(name, []))
                 if r is not None}
        if len(roles) == 1:
            canonical, matched_kind = roles.pop()
            return Resolved(canonical, matched_kind, anonymous=False, matched=True)
        if normalise(name) in _aliases().pronouns:
            return Resolved(name, kind, anonymous=True)
        longer = self._longer_names(name)
        if longer:
            resolved = [self.resolve(other, kind, article) for other in longer]
            matched = {(r.canonical, r.kind) for r in resolved if r.matched}
            if len(matched) == 1:
                canonical, matched_kind = matched.pop()
                return Resolved(canonical, matched_kind, anonymous=False, matched=True)
            if not matched and len({r.canonical for r in resolved}) == 1:
                return Resolved(resolved[0].canonical, kind, anonymous=False)
        return base

    def _longer_names(self, name: str) -> list[str]:
        """Sources of the incident whose name ends with this one ("Colonel Ruth Njeri" for "Ruth Njeri")."""
        words = normalise(name).split()
        if not words or not name[:1].isupper():
            return []
        found = []
        for other in self._names:
            other_words = normalise(other).split()
            if len(other_words) > len(words) and other_words[-len(words):] == words:
                found.append(other)
        return found

    def _resolve_name(self, name: str, kind: str) -> Resolved:
        aliases = _aliases()
        words = normalise(name).split()
        if not words:
            return Resolved("", kind, anonymous=False)
        norm = " ".join(_strip_determiner(words))
        named = self._perpetrator_for(name)
        if named is not None:
            return Resolved(named, "perpetrator", anonymous=False, matched=True)
        if norm in aliases.perpetrator_references:
            return Resolved(self._generic_perpetrator(), "perpetrator", anonymous=False, matched=True)
        if kind != "perpetrator":
            for alias, canonical in aliases.sources:
                if _contains(norm, alias):
                    # Extraction's kind stands unless it found none.
                    known = kind if kind != "unattributed" else aliases.source_kinds.get(canonical, kind)
                    return Resolved(canonical, known, anonymous=False, matched=True)
        anonymous = words[0] in aliases.indefinite or any(_contains(norm, m) for m in aliases.anonymous_markers)
        return Resolved(_clean_display(name), kind, anonymous=anonymous)


def _speaker_key(speaker: Speaker) -> tuple:
    return (speaker.name, speaker.role or "", speaker.organisation or "", speaker.resolved or "", speaker.kind)


def media_outlet(name: str) -> str:
    """The outlet a media source stands for: a known outlet it names, else its own cleaned name."""
    return outlet_named_in(name) or canonical_outlet(name)


def copy_root(article_id: str, articles: Mapping[str, Article]) -> str:
    """The original an article republishes, following ``copy_of`` to its end (cycles cut)."""
    seen = {article_id}
    current = article_id
    while True:
        article = articles.get(current)
        if article is None or not article.copy_of or article.copy_of in seen:
            return current
        current = article.copy_of
        seen.add(current)


def article_voice(article_id: str, articles: Mapping[str, Article]) -> str:
    """Whose own reporting an article carries: the outlet of the original it copies, else the article itself."""
    root = copy_root(article_id, articles)
    article = articles.get(root)
    if article is not None and article.outlet:
        return f"outlet:{canonical_outlet(article.outlet)}"
    return f"article:{root}"


def source_identity(claim: Claim, resolved: Resolved, articles: Mapping[str, Article]) -> str:
    """The key under which a claim's source is counted once."""
    if claim.source.via:
        return f"outlet:{canonical_outlet(claim.source.via)}"
    if not resolved.canonical:
        return article_voice(claim.article, articles)
    if resolved.kind == "media":
        return f"outlet:{media_outlet(claim.source.name)}"
    if resolved.anonymous:
        # "a security source" in two outlets may be two people: one per reporting outlet.
        return f"source:{resolved.canonical.lower()}@{article_voice(claim.article, articles)}"
    return f"source:{resolved.canonical.lower()}"
