"""Records that cross stage boundaries.

Every stage reads and writes these plain dataclasses; no spaCy object ever
leaves ``accord.extract``. Each record turns into the JSON contract of
DESIGN.md with :func:`to_dict` and back with the ``from_dict`` class methods;
:func:`to_json` and :func:`from_json` write and read that JSON as text.

::

    Article ──extract──► ArticleExtraction (Claims, Quotes, Dates, Places,
                          Actors, IncidentMentions)
            ──link──────► IncidentGroup (which mentions form one incident)
            ──reconcile─► Incident (Figures with estimates, timeline)
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

Measure = Literal["killed", "injured", "held", "released", "rescued", "escaped", "arrested", "missing", "present"]
Group = Literal["all", "civilians", "hostages", "security", "attackers"]
Hedge = Literal["exact", "at_least", "at_most", "about", "range", "vague"]
Modality = Literal["reported", "claimed", "threatened", "denied"]
SourceKind = Literal["official", "security", "perpetrator", "witness", "media", "expert", "unattributed"]
EventType = Literal[
    "armed_assault", "bombing", "hijacking", "hostage_taking", "kidnapping", "assassination",
    "facility_attack", "shooting", "riot", "disaster", "other",
]
Status = Literal["agreed", "updated", "disputed"]
Scope = Literal["total", "subset"]
Derivation = Literal["stated", "summed", "stated and summed"]

MEASURES: tuple[str, ...] = ("killed", "injured", "held", "released", "rescued", "escaped", "arrested", "missing", "present")
GROUPS: tuple[str, ...] = ("all", "civilians", "hostages", "security", "attackers")
HEDGES: tuple[str, ...] = ("exact", "at_least", "at_most", "about", "range", "vague")
MODALITIES: tuple[str, ...] = ("reported", "claimed", "threatened", "denied")
SOURCE_KINDS: tuple[str, ...] = ("official", "security", "perpetrator", "witness", "media", "expert", "unattributed")
SCOPES: tuple[str, ...] = ("total", "subset")
EVENT_TYPES: tuple[str, ...] = (
    "armed_assault", "bombing", "hijacking", "hostage_taking", "kidnapping", "assassination",
    "facility_attack", "shooting", "riot", "disaster", "other",
)

Span = tuple[int, int]


#: Field names of each record class seen by :func:`to_dict`. Looking them up once per class, not
#: once per record, made serialising a batch's extractions about twice as fast (the store, the
#: incident rebuild and the report all go through it).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_PLAIN = (str, int, float, bool, type(None))


def to_dict(record: Any) -> Any:
    """A record (or list/dict of records) as JSON-ready plain data."""
    if isinstance(record, _PLAIN):
        return record
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(cls):
            return record
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return {name: to_dict(getattr(record, name)) for name in names}


#: orjson writes a record's dataclasses itself, field by field as :func:`to_dict` gives them, 5 to 10
#: times faster than ``json.dumps(to_dict(...))``; dates and times are passed to ``str`` as
#: ``json.dumps(default=str)`` did, so stored JSON reads back as before.
_ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def to_json(record: Any, *, indent: bool = False) -> str:
    """A record (or list/dict of records, or plain data) as JSON text, UTF-8 characters unescaped:
    compact, or indented by two spaces as ``json.dumps(..., indent=2)`` lays it out. A value JSON has
    no type for becomes its ``str()``."""
    try:
        return orjson.dumps(record, default=str,
                            option=_ORJSON_OPTIONS | (orjson.OPT_INDENT_2 if indent else 0)).decode()
    except orjson.JSONEncodeError:
        # what orjson refuses and json writes: an integer past 64 bits, a lone surrogate in a string
        return json.dumps(to_dict(record), ensure_ascii=False, default=str,
                          **({"indent": 2} if indent else {"separators": (",", ":")}))


def from_json(text: str | bytes) -> Any:
    """Plain data from JSON text (NaN and Infinity, which older stores may hold, read too)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _span(value: Any) -> Span | None:
    return _whole_span(value) if value is not None else None


def _whole_span(value: Any) -> Span:
    """A span a record always has (a claim's, a quote's), from the list JSON makes of it."""
    return int(value[0]), int(value[1])


# --------------------------------------------------------------------------- ingest


@dataclass
class Article:
    """One news report as read from the input.

    ``id`` is a hash of the normalised text, so the same text read twice is
    the same article. ``external_id`` is the id the input gave, if any.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    external_id: str | None = None
    path: str | None = None  # the file it came from (and ":line" for JSONL)
    metadata: dict[str, Any] = field(default_factory=dict)
    # Set by near-duplicate detection: the id of the earlier article this one
    # republishes (a syndicated wire copy). Kept, but not an independent source.
    copy_of: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Skipped:
    """An input that could not be read as an article, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


# --------------------------------------------------------------------------- extract


@dataclass
class Interval:
    """A count as an interval: "at least 16" is [16, None]; "70 to 80" is [70, 80]."""

    low: int | None
    high: int | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Interval:
        return cls(low=data.get("low"), high=data.get("high"))


@dataclass
class Source:
    """Who says a figure: "the interior ministry", "the group", "a security source"."""

    name: str
    kind: str = "unattributed"  # one of SOURCE_KINDS
    span: Span | None = None  # the attribution phrase, in article characters
    via: str | None = None  # an outlet the figure is credited to ("told CNN", "AP reports")
    canonical: str | None = None  # normalised name, set by reconcile

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            name=data.get("name", ""), kind=data.get("kind", "unattributed"), span=_span(data.get("span")),
            via=data.get("via"), canonical=data.get("canonical"),
        )


@dataclass
class Claim:
    """One figure stated in one sentence of one article."""

    measure: str
    group: str
    value: Interval
    hedge: str
    modality: str
    source: Source
    article: str
    sentence: str
    span: Span  # the figure phrase, in article characters
    sentence_span: Span
    text: str  # the figure phrase itself ("at least 16 militants")
    as_of: str | None = None
    mention: int = 0  # index of the IncidentMention of its article it belongs to
    outlet: str | None = None  # who reported it (the article's outlet)
    extractor: str = "accord.figures.v4"
    id: str | None = None
    # "total": the source's count of that measure and group in the incident; "subset": a part of a
    # total ("including seven children", "two of them foreigners", one named victim of many)
    scope: str = "total"
    # the id of the rule that produced it ("figures.passive_casualty") and of those that changed it
    # since, in order (extract/figures/rules.py, docs/extraction.md)
    rule: str = ""
    rules_changed: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            measure=data["measure"], group=data["group"], value=Interval.from_dict(data["value"]),
            hedge=data["hedge"], modality=data.get("modality", "reported"),
            source=Source.from_dict(data.get("source") or {}), article=data["article"],
            sentence=data["sentence"], span=_whole_span(data["span"]),
            sentence_span=_whole_span(data.get("sentence_span") or data["span"]),
            text=data.get("text", ""), as_of=data.get("as_of"), mention=data.get("mention", 0),
            outlet=data.get("outlet"), extractor=data.get("extractor", "accord.figures.v1"), id=data.get("id"),
            scope=data.get("scope", "total"), rule=data.get("rule") or "",
            rules_changed=tuple(data.get("rules_changed") or ()),
        )


@dataclass
class Speaker:
    name: str
    span: Span | None = None
    role: str | None = None
    organisation: str | None = None
    kind: str = "unattributed"  # one of SOURCE_KINDS
    resolved: str | None = None  # the named entity a pronoun or "the minister" resolves to

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(
            name=data.get("name", ""), span=_span(data.get("span")), role=data.get("role"),
            organisation=data.get("organisation"), kind=data.get("kind", "unattributed"),
            resolved=data.get("resolved"),
        )


@dataclass
class Quote:
    """Reported speech: its content, the cue ("said", "told Reuters") and its speaker."""

    text: str
    span: Span  # the content
    cue: str | None
    cue_span: Span | None
    speaker: Speaker | None
    direct: bool
    article: str = ""
    mention: int = 0
    extractor: str = "accord.quotes.v1"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        speaker = data.get("speaker")
        return cls(
            text=data["text"], span=_whole_span(data["span"]),
            cue=data.get("cue"), cue_span=_span(data.get("cue_span")),
            speaker=Speaker.from_dict(speaker) if speaker else None, direct=data.get("direct", False),
            article=data.get("article", ""), mention=data.get("mention", 0),
            extractor=data.get("extractor", "accord.quotes.v1"),
        )


@dataclass
class DateMention:
    """A date phrase and the calendar date it resolves to."""

    text: str
    span: Span
    date: str | None  # ISO date, or None when it cannot be resolved
    # absolute | weekday | relative | month | year | scheduled (a future event: hearing, funeral) | stamp (the
    # page's own date: "Published Jan. 4", a dateline's)
    kind: str = "absolute"
    mention: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateMention:
        return cls(text=data["text"], span=_whole_span(data["span"]), date=data.get("date"),
                   kind=data.get("kind", "absolute"), mention=data.get("mention", 0))


@dataclass
class Place:
    """A place name resolved against the offline gazetteer."""

    name: str
    admin1: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    country_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str = "city"  # city | admin1 | country | terrain
    span: Span | None = None
    text: str | None = None
    mention: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["span"] = _span(values.get("span"))
        return cls(**values)


@dataclass
class Actor:
    """Somebody named in an article: perpetrator, target, official, organisation."""

    name: str
    role: str  # perpetrator | target | official | organisation | victim
    canonical: str | None = None  # alias-merged name ("Balochistan Liberation Army" for "BLA")
    span: Span | None = None
    mention: int = 0
    # person (a named individual) | organisation | description (a group named by what it is: "Chechen
    # rebels", "bandits"); None in records written before it was recorded
    kind: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(name=data["name"], role=data["role"], canonical=data.get("canonical"),
                   span=_span(data.get("span")), mention=data.get("mention", 0), kind=data.get("kind"))


@dataclass
class IncidentMention:
    """One incident as an article speaks of it: the main one (index 0) or a background one."""

    index: int
    article: str
    event_type: str = "other"
    background: bool = False
    date: str | None = None  # best date of the incident, ISO
    date_basis: str = "published"  # how ``date`` was found: absolute | weekday | relative | published
    place: Place | None = None
    perpetrators: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)  # named people killed or injured
    summary: str = ""  # the sentence that introduces it
    # A statistic ("more than 2,500 killed in 2024"): kept with the article, never an incident.
    statistic: bool = False
    # The first day of an incident the report tells lasted days ("the three-day siege ... ended yesterday"),
    # when before ``date`` (which stays the day the report dates it, for linking); ISO, else None.
    start: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IncidentMention:
        place = data.get("place")
        return cls(
            index=data["index"], article=data["article"], event_type=data.get("event_type", "other"),
            background=data.get("background", False), date=data.get("date"),
            date_basis=data.get("date_basis", "published"),
            place=Place.from_dict(place) if place else None, perpetrators=list(data.get("perpetrators", [])),
            victims=list(data.get("victims", [])), summary=data.get("summary", ""),
            statistic=data.get("statistic", False), start=data.get("start"),
        )


@dataclass
class ArticleExtraction:
    """Everything ``extract`` found in one article."""

    article: str
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[IncidentMention] = field(default_factory=list)
    statistics: list[Claim] = field(default_factory=list)  # aggregate figures, not of any incident
    event_type: str = "other"
    language: str = "en"
    extractor: str = "accord.extract.v1"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleExtraction:
        return cls(
            article=data["article"],
            claims=[Claim.from_dict(c) for c in data.get("claims", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            dates=[DateMention.from_dict(d) for d in data.get("dates", [])],
            places=[Place.from_dict(p) for p in data.get("places", [])],
            actors=[Actor.from_dict(a) for a in data.get("actors", [])],
            mentions=[IncidentMention.from_dict(m) for m in data.get("mentions", [])],
            statistics=[Claim.from_dict(c) for c in data.get("statistics", [])],
            event_type=data.get("event_type", "other"), language=data.get("language", "en"),
            extractor=data.get("extractor", "accord.extract.v1"),
        )


# --------------------------------------------------------------------------- link


@dataclass
class MentionRef:
    """Points at one IncidentMention: (article id, mention index)."""

    article: str
    index: int


@dataclass
class LinkEvidence:
    """Why a mention joined an incident: the signals and their scores."""

    article: str
    index: int
    score: float
    signals: dict[str, Any] = field(default_factory=dict)


@dataclass
class IncidentGroup:
    """The output of ``link``: mentions from many articles that are one real incident."""

    id: str
    members: list[MentionRef]
    evidence: list[LinkEvidence] = field(default_factory=list)


# --------------------------------------------------------------------------- reconcile


@dataclass
class ArticleRef:
    id: str
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    copy_of: str | None = None


@dataclass
class Figure:
    """All claims about one (measure, group) of one incident, side by side, with estimates."""

    measure: str
    group: str
    conservative: int | None
    consensus: int | None
    high: int | None
    status: str  # agreed | updated | disputed
    claims: list[Claim]
    latest: int | None = None
    latest_official: int | None = None
    sources: int = 0  # independent sources counted once
    explanation: str = ""
    # "subset" when no claim gives a total of this measure and group, only parts of one ("including
    # five soldiers"): the estimates then say at least that many, never the group's whole count
    scope: str = "total"
    changed_at: str | None = None  # when the store first held these estimates and status (ISO 8601 UTC)


@dataclass
class Total:
    """Everybody of one measure in an incident, across groups (killed in all, injured in all).

    ``derivation`` says where the figures come from: ``stated`` (sources gave a count of everybody),
    ``summed`` (no source did: the reports' group counts were added up, ``groups`` says which) or
    ``stated and summed`` (some reports stated it, others only broke it down).
    """

    measure: str
    conservative: int | None
    consensus: int | None
    high: int | None
    derivation: str  # stated | summed | stated and summed
    groups: list[str] = field(default_factory=list)  # the groups added up, where summed
    reports: int = 0  # reports (wire copies counted once) that give a count
    explanation: str = ""


@dataclass
class TimelineEntry:
    as_of: str | None
    text: str
    source: str
    outlet: str | None
    article: str
    measure: str | None = None
    group: str | None = None
    value: Interval | None = None


@dataclass
class Incident:
    """One real-world incident, as the contract of DESIGN.md describes it."""

    id: str
    title: str
    type: str
    start: str | None
    end: str | None
    place: Place | None
    perpetrators: list[str]
    articles: list[ArticleRef]
    figures: list[Figure]
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    background: bool = False
    evidence: list[LinkEvidence] = field(default_factory=list)
    totals: dict[str, Total] = field(default_factory=dict)  # measure -> everybody of that measure
    first_seen: str | None = None  # when the store first held this incident (ISO 8601 UTC)
    changed_at: str | None = None  # when its reports, title or figures last changed
