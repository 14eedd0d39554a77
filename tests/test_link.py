"""accord.link: mentions of many articles grouped into incidents, on hand-built records and on the seeds."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from accord.link import incident_id, link_mentions
from accord.models import Article, ArticleExtraction, DateMention, IncidentMention, Place
from tests.conftest import SEEDS_DIR, require

CITIES = [  # (city, state): thirty places, a few of them sharing a state
    ("Akron", "Ohio"), ("Dayton", "Ohio"), ("Toledo", "Ohio"), ("Gary", "Indiana"), ("Muncie", "Indiana"),
    ("Peoria", "Illinois"), ("Joliet", "Illinois"), ("Flint", "Michigan"), ("Lansing", "Michigan"),
    ("Tulsa", "Oklahoma"), ("Wichita", "Kansas"), ("Omaha", "Nebraska"), ("Fresno", "California"),
    ("Modesto", "California"), ("Reno", "Nevada"), ("Boise", "Idaho"), ("Spokane", "Washington"),
    ("Tacoma", "Washington"), ("Macon", "Georgia"), ("Augusta", "Georgia"), ("Mobile", "Alabama"),
    ("Jackson", "Mississippi"), ("Shreveport", "Louisiana"), ("Waco", "Texas"), ("Laredo", "Texas"),
    ("Pueblo", "Colorado"), ("Provo", "Utah"), ("Camden", "New Jersey"), ("Trenton", "New Jersey"),
    ("Erie", "Pennsylvania"),
]
FIRST = ["James", "Maria", "Robert", "Linda", "David", "Susan", "Carlos", "Aisha", "Kevin", "Tanya"]
LAST = ["Walker", "Moreno", "Hughes", "Okafor", "Brennan", "Castillo", "Whitfield", "Nakamura", "Delgado",
        "Pruitt", "Sandoval", "Kowalski"]


def city(name: str, state: str) -> Place:
    return Place(name=name, admin1=state, country="US", feature="city", text=name)


def report(article_id: str, text: str, *, published: str | None, event_type: str = "shooting",
           date: str | None = None, basis: str = "published", place: Place | None = None,
           victims: tuple[str, ...] = (), dates: tuple[DateMention, ...] = (),
           background: tuple[IncidentMention, ...] = ()) -> tuple[Article, ArticleExtraction]:
    article = Article(id=article_id, text=text, published=published)
    main = IncidentMention(index=0, article=article_id, event_type=event_type, date=date or published,
                           date_basis=basis if date else "published", place=place, victims=list(victims),
                           summary=text.split(". ")[0])
    mentions = [main, *background]
    return article, ArticleExtraction(article=article_id, mentions=mentions, dates=list(dates),
                                      event_type=event_type)


def groups_of(pairs: list[tuple[Article, ArticleExtraction]]):  # type: ignore[no-untyped-def]
    return link_mentions([a for a, _ in pairs], [e for _, e in pairs])


def membership(groups) -> set[frozenset[tuple[str, int]]]:  # type: ignore[no-untyped-def]
    return {frozenset((m.article, m.index) for m in g.members) for g in groups}


def thirty_shootings() -> list[tuple[Article, ArticleExtraction]]:
    """Thirty shootings in one week, in thirty cities, told in the same words."""
    rng = random.Random(7)
    out = []
    for n, (name, state) in enumerate(CITIES):
        victim = f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}"
        day = f"2016-06-{13 + n % 7:02d}"
        text = (f"A {20 + rng.randrange(40)}-year-old man was shot and killed late on Saturday in {name}, "
                f"{state}, police said. The victim, {victim}, was found outside a home on the "
                f"{100 * (n + 1)} block of Main Street. Police said no arrests had been made and asked "
                f"anyone with information to call detectives.")
        out.append(report(f"doc{n:02d}", text, published=day, place=city(name, state), victims=(victim,)))
    return out


def test_thirty_shootings_in_one_week_stay_apart() -> None:
    groups = groups_of(thirty_shootings())
    assert len(groups) == 30
    assert all(len(g.members) == 1 for g in groups)


def test_a_wire_story_and_a_local_report_of_one_shooting_join() -> None:
    wire = report(
        "wire", "DAYTON, Ohio (AP) — A gunman opened fire outside a crowded bar in Dayton's Oregon District "
        "early Sunday, killing nine people before police shot him dead, the mayor said. Among the dead was "
        "the gunman's sister, Megan Betts, 22.", published="2019-08-04", date="2019-08-04", basis="weekday",
        place=city("Dayton", "Ohio"), victims=("Megan Betts",))
    local = report(
        "local", "Families gathered on Monday to remember the nine people killed in the Oregon District "
        "shooting. Megan Betts, 22, was with her brother when he opened fire on East Fifth Street, "
        "Dayton police said.", published="2019-08-05", place=city("Dayton", "Ohio"), victims=("Megan K. Betts",))
    other = report(
        "other", "A man was shot in the leg on Salem Avenue on Sunday night, Dayton police said. He is "
        "expected to survive.", published="2019-08-05", place=city("Dayton", "Ohio"))
    groups = groups_of([wire, local, *thirty_shootings(), other])
    assert frozenset({("wire", 0), ("local", 0)}) in membership(groups)
    joined = next(g for g in groups if len(g.members) == 2)
    evidence = {e.article: e for e in joined.evidence}
    assert evidence["local"].signals["names"] and evidence["local"].signals["place"] == "same"
    assert joined.id == incident_id("wire", 0)  # the earliest member names the incident
    assert frozenset({("other", 0)}) in membership(groups)


def jaffar_reports() -> list[tuple[Article, ArticleExtraction]]:
    """One report dates the hijacking "March 11"; two, without publication date, only say "Tuesday"."""
    quetta = city("Quetta", "Balochistan")
    quetta.country = "PK"
    texts = {
        "dated": "Militants hijacked the Jaffar Express in the Bolan Pass on March 11, taking hundreds of "
                 "passengers hostage, officials said. The Balochistan Liberation Army claimed the attack.",
        "tuesday": "The Balochistan Liberation Army hijacked the Jaffar Express on Tuesday in the Bolan "
                   "Pass and took its passengers hostage.",
        "friday": "Gunmen hijacked a bus near Quetta on Friday and held its passengers hostage for hours "
                  "before the Balochistan Liberation Army released them.",
    }
    dated = report("dated", texts["dated"], published="2025-03-12", event_type="hijacking",
                   date="2025-03-11", basis="absolute", place=quetta,
                   dates=(DateMention("March 11", (0, 8), "2025-03-11", "absolute"),))
    tuesday = report("tuesday", texts["tuesday"], published=None, event_type="hostage_taking", place=quetta,
                     dates=(DateMention("Tuesday", (0, 7), None, "weekday"),))
    friday = report("friday", texts["friday"], published=None, event_type="hijacking", place=quetta,
                    dates=(DateMention("Friday", (0, 6), None, "weekday"),))
    return [dated, tuesday, friday]


def test_a_weekday_is_anchored_on_the_date_another_report_gives() -> None:
    groups = groups_of(jaffar_reports())
    assert frozenset({("dated", 0), ("tuesday", 0)}) in membership(groups)
    assert frozenset({("friday", 0)}) in membership(groups)  # 11 March 2025 was a Tuesday, not a Friday
    joined = next(g for g in groups if len(g.members) == 2)
    tuesday = next(e for e in joined.evidence if e.article == "tuesday")
    assert tuesday.signals["anchored_date"] == "2025-03-11" and tuesday.signals["anchored_by"] == "weekday"
    assert tuesday.signals["inferred_published"] == "2025-03-11"
    assert tuesday.signals["inferred_from"] == "incident"


def test_background_mentions_of_one_past_incident_link_together() -> None:
    bombing = "In November, a suicide bombing at the railway station in Quetta killed at least 32 people."
    quetta = Place(name="Quetta", admin1="Balochistan", country="PK", feature="city")
    pairs = []
    for n, (main_text, summary) in enumerate([
        ("Militants hijacked a passenger train in Balochistan and took hostages.", bombing),
        ("Security forces freed hundreds of hostages from the hijacked train.",
         "A suicide bomber at a Quetta railway station killed more than two dozen people in November."),
    ]):
        article_id = f"r{n}"
        background = IncidentMention(index=1, article=article_id, event_type="bombing", background=True,
                                     date="2024-11-01" if n == 0 else None, date_basis="relative",
                                     place=quetta, summary=summary)
        pairs.append(report(article_id, main_text + " " + summary, published=None, event_type="hijacking",
                            background=(background,)))
    groups = groups_of(pairs)
    assert frozenset({("r0", 1), ("r1", 1)}) in membership(groups)
    assert frozenset({("r0", 0), ("r1", 0)}) in membership(groups)


def test_independent_of_input_order() -> None:
    pairs = thirty_shootings() + jaffar_reports()
    first = groups_of(pairs)
    shuffled = list(pairs)
    random.Random(3).shuffle(shuffled)
    again = groups_of(shuffled)
    assert [(g.id, [(m.article, m.index) for m in g.members]) for g in first] == \
           [(g.id, [(m.article, m.index) for m in g.members]) for g in again]


def test_thousands_of_articles_link_in_seconds() -> None:
    rng = random.Random(11)
    pairs = []
    for n in range(3000):
        name, state = CITIES[n % len(CITIES)]
        victim = f"{rng.choice(FIRST)} {rng.choice(LAST)}{n}"
        day = f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}"
        text = (f"A man was shot on {rng.choice(['Elm', 'Oak', 'Pine', 'Cedar'])} Street in {name} on Saturday. "
                f"The victim was identified as {victim}. Incident number {100000 + n}.")
        pairs.append(report(f"bulk{n:05d}", text, published=day, place=city(name, state), victims=(victim,)))
    started = time.perf_counter()
    groups = groups_of(pairs)
    assert time.perf_counter() - started < 10
    assert len(groups) > 2900


def test_seeds_one_main_incident_and_separate_background_incidents(extractor) -> None:
    """The three Jaffar Express reports: one incident; the older attacks they recall stay out of it."""
    paths = sorted(require(SEEDS_DIR).glob("*.txt"))
    articles = [Article(id=Path(p).stem, text=Path(p).read_text(encoding="utf-8")) for p in paths]
    extractions = list(extractor.extract_many(articles))
    groups = link_mentions(articles, extractions)
    main = [g for g in groups if {(m.article, m.index) for m in g.members} & {(a.id, 0) for a in articles}]
    assert len(main) == 1, [[(m.article[:3], m.index) for m in g.members] for g in main]
    incident = main[0]
    assert {m.article for m in incident.members} == {a.id for a in articles}
    assert all(m.index == 0 for m in incident.members)

    by_id = {e.article: e for e in extractions}
    main_claims = [c for m in incident.members for c in by_id[m.article].claims if c.mention == m.index]
    texts = " | ".join(c.text for c in main_claims)
    for figure in ("more than two dozen", "at least 32", "at least 40"):
        assert figure not in texts
    backgrounds = {(a, m.index): m for a, e in by_id.items() for m in e.mentions if m.background}
    summaries = " ".join(m.summary for m in backgrounds.values())
    for recalled in ("Quetta", "August", "Kalat"):
        assert recalled in summaries
    if any(c.text for e in extractions for c in e.claims):  # once the figures component lands
        for figure in ("more than two dozen", "at least 32", "at least 40"):
            owner = [c for e in extractions for c in e.claims if figure in c.text]
            assert owner and all(by_id[c.article].mentions[c.mention].background for c in owner), figure


@pytest.mark.parametrize("article_id", ["a", "b"])
def test_incident_id_is_stable(article_id: str) -> None:
    assert incident_id(article_id, 0) == incident_id(article_id, 0) != incident_id(article_id, 1)


# --------------------------------------------------------------------------- evaluate link


def test_bcubed_counts_a_document_of_two_gold_incidents_once() -> None:
    from accord.evaluate.link import bcubed

    gold = {"a": {"x"}, "b": {"x"}, "c": {"y"}, "d": {"y", "z"}, "e": {"z"}}
    perfect_partition = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}
    scores = bcubed(perfect_partition, gold)
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(0.8)  # d cannot be in both y and z
    everything = bcubed({k: "1" for k in gold}, gold)
    # Even all in one group, d reaches 1/2 with itself: a partition cannot hold it twice.
    assert 0.9 < everything["recall"] < 1.0 and everything["precision"] < 0.5


def test_pool_dedupes_documents_and_doubles_with_shifted_dates() -> None:
    from accord.evaluate.link import DOUBLED_SHIFT_DAYS, build_pool, shift_text_dates

    doc = {"id": "d1", "published": "2016-12-13", "text": "A man was shot on December 13, 2016 at 5/6/2016."}
    incidents = [{"incident_id": "1", "documents": [doc]},
                 {"incident_id": "2", "documents": [doc, {"id": "d2", "published": "2016-12-14", "text": " "}]}]
    pool = build_pool(incidents)
    assert [a.id for a in pool.articles] == ["d1"] and pool.labels["d1"] == {"1", "2"}
    assert pool.shared_documents == 1 and pool.empty_documents == 1
    doubled = build_pool(incidents, doubled=True)
    assert len(doubled.articles) == 2
    copy = next(a for a in doubled.articles if a.id != "d1")
    assert copy.published == "2018-01-16" and DOUBLED_SHIFT_DAYS == 399
    # the copies are beyond the reach of a named follow-up, and every weekday stays a weekday
    from accord.link.signals import NAMED_LAG_DAYS, PUBLISHED_LAG_DAYS

    assert DOUBLED_SHIFT_DAYS > NAMED_LAG_DAYS + PUBLISHED_LAG_DAYS and DOUBLED_SHIFT_DAYS % 7 == 0
    assert shift_text_dates("on Dec. 13, 2016 and 5/6/2016", 371) == "on December 19, 2017 and 5/12/2017"


def test_evaluate_link_on_gva_dev_sample(extractor) -> None:
    from accord.evaluate.link import evaluate_link, render_link
    from tests.conftest import GVA_FILE

    result = evaluate_link(require(GVA_FILE), limit=6, extractor=extractor)
    assert result["documents"] >= 6 and result["gold_incidents"] == 6
    assert result["bcubed"]["precision"] >= 0.9 and result["bcubed"]["f1"] >= 0.8
    assert "B-cubed" in render_link(result)


def test_a_sites_repeated_lines_are_furniture_and_a_wire_storys_are_not() -> None:
    from accord.link.boilerplate import furniture_lines, site_of, without_furniture

    menu = "Sign up for our newsletter and get breaking news alerts"
    local = [Article(id=f"l{n}", text=f"{menu}\nStory number {n} about a shooting on Elm Road.",
                     url=f"http://web.archive.org/web/2016/http://www.wxyz.com/news/{n}") for n in range(3)]
    wire_line = "A gunman opened fire outside a bar in Dayton early Sunday, killing nine."
    wire = [Article(id=f"w{n}", text=wire_line, outlet=f"Paper {n}") for n in range(3)]
    assert site_of(local[0]) == "wxyz.com" and site_of(wire[0]) == "paper 0"
    furniture = furniture_lines([*local, *wire])
    assert set(furniture) == {"wxyz.com"}
    cleaned = without_furniture(local[0].text, furniture["wxyz.com"])
    assert menu not in cleaned and "Story number 0" in cleaned


def test_street_addresses_are_folded_and_person_names_told_from_groups() -> None:
    from accord.link.features import addresses, person_like

    assert addresses("Police went to the 1200 block of N. Main St. and to 1200 North Main Street.") == {
        "1200 n main street"}
    assert addresses("In 2016 he was shot; police said 3 people were hurt.") == frozenset()
    assert person_like("Diallo Davis") and not person_like("Tana Valley Liberation Front")
    assert not person_like("Islamic State")  # an organisation of the aliases lexicon


def test_a_sentencing_months_later_joins_its_shooting_through_the_address() -> None:
    spot = "the 2300 block of Magnolia Place"
    first = report("first", f"Two men were killed in a shooting in {spot} in Indianapolis on Saturday night, police "
                   "said. A child was hurt.", published="2016-07-03", date="2016-07-02", basis="weekday",
                   place=city("Indianapolis", "Indiana"))
    later = report("later", f"A man was sentenced on Monday to 60 years for the shooting in {spot} that killed two "
                   "men and hurt a child.", published="2016-11-14", date="2016-11-14", basis="weekday",
                   place=city("Indianapolis", "Indiana"))
    # A shooting of the sentencing week elsewhere in town, with no address in common: not the first one.
    elsewhere = report("elsewhere", "Two men were killed in a shooting in the 800 block of Oak Street on Friday "
                       "night, police said.", published="2016-11-19", date="2016-11-18",
                       basis="weekday", place=city("Indianapolis", "Indiana"))
    together = membership(groups_of([first, later, elsewhere]))
    assert frozenset({("first", 0), ("later", 0)}) in together
    assert frozenset({("elsewhere", 0)}) in together


def test_one_place_name_resolved_in_two_countries_does_not_keep_reports_apart() -> None:
    text = ("A man was shot and killed outside a bar on Adams Street in Toledo early Sunday, police said. "
            "Officers found him in the parking lot; no arrests have been made.")
    ohio = report("ohio", text, published="2016-05-01", date="2016-05-01", basis="weekday",
                  place=city("Toledo", "Ohio"))
    spain = report("spain", text.replace("early Sunday", "on Sunday morning"), published="2016-05-01",
                   date="2016-05-01", basis="weekday",
                   place=Place(name="Toledo", admin1="Castilla-La Mancha", country="ES", feature="admin2",
                               text="Toledo"))
    assert membership(groups_of([ohio, spain])) == {frozenset({("ohio", 0), ("spain", 0)})}


def test_linking_a_store_page_by_page_gives_the_groups_of_linking_in_memory(tmp_path: Path) -> None:
    """link_extracted reads a store three times, a page at a time, holding only compact features."""
    from accord.link import link_extracted
    from accord.store import open_store

    pairs = thirty_shootings()
    with open_store(tmp_path / "links.db") as store:
        store.save_batch([a for a, _ in pairs], [e for _, e in pairs], [])
        reads = []

        def read():  # type: ignore[no-untyped-def]
            reads.append(1)
            return store.iter_extracted(page=7)

        paged = link_extracted(read)
    assert len(reads) == 3
    assert paged == groups_of(pairs) and len(paged) == 30
