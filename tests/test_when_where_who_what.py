"""accord_dates, accord_places, accord_actors, accord_event_type on real text.

Fast tests run short texts written for them and the seed reports; the GVA
measurement (how often the gold city/state and date are found) is marked slow:
    .venv/bin/pytest tests/test_when_where_who_what.py -m slow -s
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from accord.extract import Extractor
from accord.extract.actors import canonical_name, perpetrators
from accord.extract.dates import classify_date_phrase, dates_in_range, resolve_weekday
from accord.extract.event_type import event_type_of_span, event_type_of_text
from accord.extract.gazetteer import candidates, fold, place_contains
from accord.extract.places import places_in_range, resolve_names
from accord.models import Article, Place
from tests.conftest import GVA_FILE, SEEDS_DIR, require

PUBLISHED = "2025-03-12"  # a Wednesday

# The slice of GVA dev incidents measured in CI (the whole set: `accord eval`-style run by hand).
GVA_SLICE = 150
# Floors for the slow GVA measurement (dev numbers at the time of writing, minus a margin).
GVA_PLACE_FLOOR = 0.65  # share of incidents whose gold city and state are among their docs' places (dev: 0.705)
GVA_DATE_FLOOR = 0.80  # share of incidents whose gold date is among their docs' resolved dates (dev: 0.852)


def process(extractor: Extractor, text: str, published: str | None = PUBLISHED):
    doc = extractor.make_doc(Article(id="t", text=text, published=published))
    return extractor.nlp(doc)


def seed_docs(extractor: Extractor):
    paths = sorted(require(SEEDS_DIR).glob("*.txt"))
    return [process(extractor, path.read_text(encoding="utf-8")) for path in paths]


# --------------------------------------------------------------------------- when


def test_weekday_resolves_to_latest_such_day_on_or_before_anchor() -> None:
    wednesday = date(2025, 3, 12)
    assert resolve_weekday("Tuesday", wednesday) == date(2025, 3, 11)
    assert resolve_weekday("wednesday", wednesday) == wednesday
    assert resolve_weekday("Thursday", wednesday) == date(2025, 3, 6)
    assert resolve_weekday("Wednesday", wednesday, strictly_before=True) == date(2025, 3, 5)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("March 11, 2025", ("absolute", "2025-03-11")),
        ("11 March", ("absolute", "2025-03-11")),
        ("2025-03-11", ("absolute", "2025-03-11")),
        ("Sept. 5", ("absolute", "2024-09-05")),  # a day after the anchor is last year's
        ("In November", ("month", "2024-11")),
        ("November 2024", ("month", "2024-11")),
        ("last month", ("month", "2025-02")),
        ("in 2023", ("year", "2023")),
        ("last year", ("year", "2024")),
        ("Tuesday night", ("weekday", "2025-03-11")),
        ("yesterday", ("relative", "2025-03-11")),
        ("two days ago", ("relative", "2025-03-10")),
        ("four months earlier", ("relative", "2024-11")),
        ("a month prior", ("relative", "2025-02")),
        ("15-year-old", None),
        ("48 hours", None),
        ("for years", None),
        ("the past year", None),
        ("three-day", None),
        ("the early 2000s", None),
        ("35", None),
    ],
)
def test_date_phrases(phrase: str, expected: tuple[str, str] | None) -> None:
    assert classify_date_phrase(phrase, PUBLISHED) == expected


def test_without_publication_date_only_phrases_with_a_year_resolve() -> None:
    assert classify_date_phrase("Tuesday", None) == ("weekday", None)
    assert classify_date_phrase("11 March", None) == ("absolute", None)
    assert classify_date_phrase("March 11, 2025", None) == ("absolute", "2025-03-11")
    assert classify_date_phrase("November 2024", None) == ("month", "2024-11")


def test_dates_in_an_article(extractor: Extractor) -> None:
    text = (
        "Gunmen stormed a checkpoint on Tuesday night, killing a 15-year-old boy, police said. "
        "The siege lasted 48 hours. A similar raid took place on January 4, 2025, and another in November. "
        "Officials said yesterday that attacks had doubled since last year."
    )
    doc = process(extractor, text)
    found = {(d.text, d.kind, d.date) for d in doc._.dates}
    assert ("Tuesday", "weekday", "2025-03-11") in found
    assert ("January 4, 2025", "absolute", "2025-01-04") in found
    assert ("November", "month", "2024-11") in found
    assert ("yesterday", "relative", "2025-03-11") in found
    assert ("last year", "year", "2024") in found
    assert not any("15" in d.text or "48" in d.text for d in doc._.dates)
    for mention in doc._.dates:
        assert text[mention.span[0]:mention.span[1]] == mention.text
    first_sentence = next(iter(doc.sents))
    assert [d.text for d in dates_in_range(doc, first_sentence.start_char, first_sentence.end_char)] == ["Tuesday"]


def test_weekday_unresolved_without_publication_date(extractor: Extractor) -> None:
    doc = process(extractor, "Two men were shot on Saturday outside a bar on March 1, 2025.", published=None)
    found = {(d.text, d.date) for d in doc._.dates}
    assert ("Saturday", None) in found
    assert ("March 1, 2025", "2025-03-01") in found


def test_seed_dates(extractor: Extractor) -> None:
    docs = seed_docs(extractor)
    tuesdays = [d for doc in docs for d in doc._.dates if d.text == "Tuesday"]
    assert tuesdays and all(d.kind == "weekday" and d.date == "2025-03-11" for d in tuesdays)
    novembers = [d for doc in docs for d in doc._.dates if d.text.startswith("November")]
    assert novembers and all(d.date == "2024-11" for d in novembers)


# --------------------------------------------------------------------------- where


def test_seed_places_resolve(extractor: Extractor) -> None:
    places = {(p.name, p.feature, p.admin1, p.country) for doc in seed_docs(extractor) for p in doc._.places}
    assert ("Bolan Pass", "terrain", "Balochistan", "PK") in places
    assert ("Quetta", "city", "Balochistan", "PK") in places
    assert ("Balochistan", "admin1", "Balochistan", "PK") in places
    assert ("Pakistan", "country", None, "PK") in places
    assert ("Peshawar", "city", "Khyber Pakhtunkhwa", "PK") in places


def test_place_context_disambiguates(extractor: Extractor) -> None:
    nashville = process(extractor, "A man was shot in Hermitage on Friday, Nashville police said.")
    hermitage = [p for p in nashville._.places if p.name == "Hermitage"]
    assert hermitage and hermitage[0].admin1 == "Tennessee" and hermitage[0].country == "US"
    assert hermitage[0].geonameid and hermitage[0].lat and hermitage[0].lon
    pennsylvania = process(extractor, "A man was shot in Hermitage on Friday, Pennsylvania state police said.")
    assert [p.admin1 for p in pennsylvania._.places if p.name == "Hermitage"] == ["Pennsylvania"]


def test_ap_state_abbreviation_and_offsets(extractor: Extractor) -> None:
    text = "KNOXVILLE, Tenn. (AP) \u2014 Two people were wounded in a shooting at a mall in Knoxville."
    doc = process(extractor, text)
    assert {(p.name, p.admin1) for p in doc._.places} >= {("Knoxville", "Tennessee")}
    for place in doc._.places:
        assert text[place.span[0]:place.span[1]] == place.text
    assert all(p.span[1] <= 20 for p in places_in_range(doc, 0, 20))


def test_datelines_and_agency_names_give_context(extractor: Extractor) -> None:
    doc = process(extractor, "JEFFERSON - A 3-year-old was shot at home on Sunday.\n\n"
                             "The Georgia Bureau of Investigation is investigating.")
    assert {(p.name, p.feature, p.admin1, p.country) for p in doc._.places} == {
        ("Jefferson", "city", "Georgia", "US"), ("Georgia", "admin1", "Georgia", "US")}


def test_resolve_names_without_spacy() -> None:
    georgia_us, atlanta = resolve_names([("Georgia", None), ("Atlanta", None)])
    assert (georgia_us.feature, georgia_us.country) == ("admin1", "US")
    assert atlanta.admin1 == "Georgia"
    (georgia,) = resolve_names([("Georgia", None)])
    assert (georgia.feature, georgia.country) == ("country", "GE")
    assert resolve_names([("Zzyzxqq", None)]) == [None]
    assert candidates("Quetta") is candidates("Quetta")  # cached


def test_gazetteer_tables_cached_between_runs(tmp_path, monkeypatch) -> None:
    from accord.extract import gazetteer

    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer, "_tables", None)
    built = gazetteer.tables()
    (cache_file,) = tmp_path.glob("gazetteer-*.pickle")
    monkeypatch.setattr(gazetteer, "_tables", None)
    reread = gazetteer.tables()
    assert reread is not built and reread.city_lines["quetta"] == built.city_lines["quetta"]
    cache_file.write_bytes(b"not a pickle")  # a damaged cache is rebuilt, not an error
    monkeypatch.setattr(gazetteer, "_tables", None)
    assert gazetteer.tables().admin_names["balochistan"] == built.admin_names["balochistan"]


def test_place_contains() -> None:
    quetta, balochistan, pakistan, bolan = (
        c.to_place() for c in (candidates("Quetta")[0], candidates("Balochistan")[0], candidates("Pakistan")[0],
                               candidates("Bolan Pass")[0])
    )
    assert place_contains(pakistan, quetta) and place_contains(balochistan, quetta)
    assert place_contains(balochistan, bolan) and place_contains(pakistan, balochistan)
    assert place_contains(quetta, quetta)
    assert balochistan.lat and pakistan.lon  # areas sit at the population-weighted mean of their towns
    assert not place_contains(quetta, balochistan) and not place_contains(quetta, pakistan)
    peshawar = resolve_names([("Peshawar", None)])[0].to_place()
    assert not place_contains(balochistan, peshawar)
    assert not place_contains(Place(name="Nowhere"), quetta)


# --------------------------------------------------------------------------- who


def test_seed_aliases_merge(extractor: Extractor) -> None:
    actors = [a for doc in seed_docs(extractor) for a in doc._.actors]
    bla = {a.name for a in actors if a.canonical == "Balochistan Liberation Army"}
    assert {"BLA", "Balochistan Liberation Army"} <= bla
    assert "Balochistan Liberation Army" in perpetrators(actors)
    assert any(a.canonical == "Tehreek-e-Taliban Pakistan" and a.name == "Pakistani Taliban" for a in actors)


def test_canonical_names() -> None:
    assert canonical_name("Daesh") == "Islamic State"
    assert canonical_name("IS") == "Islamic State"
    assert canonical_name("is") is None  # short aliases only in their own case
    assert canonical_name("Baluchistan Liberation Army") == "Balochistan Liberation Army"
    assert canonical_name("Baloch Liberation Armmy") == "Balochistan Liberation Army"  # rapidfuzz
    assert canonical_name("Balochistan Liberation Front") == "Balochistan Liberation Front"
    assert canonical_name("Springfield Rotary Club") is None


@pytest.mark.parametrize(
    ("text", "name", "role", "canonical"),
    [
        ("The Islamic State claimed responsibility for the bombing in Kabul.", "Islamic State", "perpetrator",
         "Islamic State"),
        ("Officials blamed the attack on the Baloch Liberation Army.", "Baloch Liberation Army", "perpetrator",
         "Balochistan Liberation Army"),
        ("Dozens of militants from Tehrik-i-Taliban Pakistan stormed the base.", "Tehrik-i-Taliban Pakistan",
         "perpetrator", "Tehreek-e-Taliban Pakistan"),
        ("The bombing was carried out by al-Shabaab, police said.", "al-Shabaab", "perpetrator", "al-Shabaab"),
        ("Gunmen opened fire in an attack on Hezbollah offices.", "Hezbollah", "target", "Hezbollah"),
        ("Interior Minister Mohsin Naqvi said the operation was over.", "Mohsin Naqvi", "official", "Mohsin Naqvi"),
        ("Sheriff Tom Davis said deputies arrived within minutes.", "Tom Davis", "official", "Tom Davis"),
        ("Marcus Reed, 24, was pronounced dead at the scene.", "Marcus Reed", "victim", "Marcus Reed"),
        ("Police identified the victim as Angela Moore.", "Angela Moore", "victim", "Angela Moore"),
        ("Derek Lyons was arrested and charged with murder.", "Derek Lyons", "perpetrator", "Derek Lyons"),
        ("Police identified the suspect as Carl Benton.", "Carl Benton", "perpetrator", "Carl Benton"),
    ],
)
def test_actor_roles(extractor: Extractor, text: str, name: str, role: str, canonical: str) -> None:
    doc = process(extractor, text)
    found = [(a.name, a.role, a.canonical) for a in doc._.actors]
    assert (name, role, canonical) in found, found
    for actor in doc._.actors:
        assert text[actor.span[0]:actor.span[1]].endswith(actor.name) or actor.name in text[actor.span[0]:actor.span[1]]


def test_surname_and_defined_acronym_merge(extractor: Extractor) -> None:
    text = ("Police said Jordan Ellis, 31, was shot twice. Ellis was taken to a hospital. "
            "The Sindh Freedom Front (SFF) claimed the attack. SFF fighters fled.")
    doc = process(extractor, text)
    assert {a.canonical for a in doc._.actors if a.name == "Ellis"} == {"Jordan Ellis"}
    assert {a.role for a in doc._.actors if a.canonical == "Jordan Ellis"} == {"victim"}
    assert {a.canonical for a in doc._.actors if a.name == "SFF"} == {"Sindh Freedom Front"}


# --------------------------------------------------------------------------- what


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen hijacked a passenger plane and diverted it to Kandahar.", "hijacking"),
        ("Militants seized a train and held hundreds of passengers hostage.", "hijacking"),
        ("A car bomb exploded near a market, killing nine people.", "bombing"),
        ("Two aid workers were kidnapped on the road and their captors demanded a ransom.", "kidnapping"),
        ("A man was shot and killed outside a gas station; police are looking for the shooter.", "shooting"),
        ("A magnitude 6.1 earthquake struck the region, collapsing hundreds of homes.", "disaster"),
        ("Rioters torched cars and looted shops after the verdict.", "riot"),
        ("The city council approved a new budget for parks.", None),
    ],
)
def test_event_type_of_text(text: str, expected: str | None) -> None:
    assert event_type_of_text(text) == expected


def test_event_type_of_span_and_article(extractor: Extractor) -> None:
    text = ("Four killed at wedding\n\n"
            "Gunmen opened fire at a wedding on Saturday, killing four guests.\n\n"
            "Last year, a suicide bomber blew himself up at a mosque in the same district, killing 30 people "
            "in the deadliest bombing the district had seen.")
    doc = process(extractor, text)
    first, second = list(doc.sents)[-2:]
    assert event_type_of_span(first) == "shooting"
    assert event_type_of_span(second) == "bombing"
    assert doc._.event_type == "shooting"  # the lead weighs more


def test_seed_event_type(extractor: Extractor) -> None:
    assert [doc._.event_type for doc in seed_docs(extractor)] == ["hijacking"] * 3


# --------------------------------------------------------------------------- GVA


def gva_incidents(limit: int | None = None) -> list[dict]:
    with open(require(GVA_FILE), encoding="utf-8") as f:
        incidents = [json.loads(line) for line in f]
    return incidents[:limit] if limit else incidents


def test_gva_first_incident_place_and_date(extractor: Extractor) -> None:
    incident = gva_incidents(1)[0]
    document = incident["documents"][0]
    doc = process(extractor, document["text"], document["published"])
    gold = datetime.strptime(incident["date"], "%B %d, %Y").date().isoformat()
    assert any(fold(p.name) == fold(incident["city_or_county"]) and p.admin1 == incident["state"]
               for p in doc._.places)
    assert gold in {d.date for d in doc._.dates}
    assert doc._.event_type == "shooting"


@pytest.mark.slow
def test_gva_place_and_date_recall(extractor: Extractor) -> None:
    """Share of GVA dev incidents whose gold place / date is found in their documents (a fixed slice)."""
    incidents = gva_incidents(GVA_SLICE)
    place_hits = date_hits = docs = doc_place = doc_date = 0
    for incident in incidents:
        gold_date = datetime.strptime(incident["date"], "%B %d, %Y").date().isoformat()
        city, state = fold(incident["city_or_county"]), fold(incident["state"])
        texts = [d for d in incident["documents"] if d["text"].strip()]
        articles = [Article(id=str(i), text=d["text"], published=d.get("published")) for i, d in enumerate(texts)]
        found_place = found_date = False
        for extraction in extractor.extract_many(articles):
            docs += 1
            place = any(fold(p.name) == city and fold(p.admin1 or "") == state for p in extraction.places)
            when = any(d.date == gold_date for d in extraction.dates)
            doc_place += place
            doc_date += when
            found_place |= place
            found_date |= when
        place_hits += found_place
        date_hits += found_date
    print(f"\nGVA dev: {len(incidents)} incidents, {docs} non-empty documents")
    print(f"  gold city+state among resolved places: incidents {place_hits / len(incidents):.3f}, "
          f"documents {doc_place / docs:.3f}")
    print(f"  gold date among resolved dates:        incidents {date_hits / len(incidents):.3f}, "
          f"documents {doc_date / docs:.3f}")
    assert place_hits / len(incidents) >= GVA_PLACE_FLOOR
    assert date_hits / len(incidents) >= GVA_DATE_FLOOR
