"""ingest: real files in tmp_path for every kind of bad input, HTML extraction, ids, near duplicates."""

from __future__ import annotations

import codecs
import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

import accord.ingest
from accord.errors import EmptyInput, NotEnglish, TooLarge
from accord.ingest import (
    MAX_ARTICLE_CHARS,
    NearDuplicateIndex,
    article_from_html,
    article_id_for,
    iter_inputs,
    read_file,
)
from accord.ingest.decode import decode_bytes
from accord.ingest.dedup import band_buckets
from accord.ingest.language import check_english
from accord.ingest.publication_dates import normalise_published
from accord.ingest.text import headline_of
from accord.ingest.walk import iter_files
from accord.models import Article, Skipped

# --------------------------------------------------------------------------- texts written for these tests

STORY = """Flood waters cut off river town as rescue boats reach stranded families

Rescue crews in boats reached dozens of families stranded on rooftops in the river town of Maple Ford on Thursday, after two days of heavy rain pushed the Eastwater River over its banks, county officials said.

At least seven people have died and 14 others are missing, the county emergency management office said in a statement on Thursday evening, adding that the number of dead could rise as crews search flooded neighbourhoods.

"We are going street by street and house by house," said Dana Whitfield, the county's emergency director, speaking at a briefing in a school gymnasium that has been turned into a shelter. "Some people waited on their roofs all night."

About 1,200 residents spent the night in three shelters, and the regional power company said more than 9,000 homes were without electricity. The main bridge into town was closed after inspectors found damage to one of its supports.

Forecasters expect the river to crest on Friday morning, about half a metre below the record set in 1998. The governor has asked for federal disaster assistance and sent 200 National Guard soldiers to help with the evacuation.
"""

# The same wire story as another site republished it: new headline, first paragraph
# lightly edited, the last paragraph cut, a line of its own added.
WIRE_COPY = """Seven dead, 14 missing as Eastwater River floods Maple Ford

Rescue crews in boats reached dozens of families stranded on rooftops in the river town of Maple Ford on Thursday after two days of heavy rain pushed the Eastwater River over its banks, county officials said.

At least seven people have died and 14 others are missing, the county emergency management office said in a statement on Thursday evening, adding that the number of dead could rise as crews search flooded neighbourhoods.

"We are going street by street and house by house," said Dana Whitfield, the county's emergency director, speaking at a briefing in a school gymnasium that has been turned into a shelter. "Some people waited on their roofs all night."

About 1,200 residents spent the night in three shelters, and the regional power company said more than 9,000 homes were without electricity. The main bridge into town was closed after inspectors found damage to one of its supports.

Readers can send photos of the flooding to our newsroom.
"""

# Another reporter on the same flood: same facts, names and even the same quote, in
# their own words.
OTHER_REPORT = """Maple Ford residents count the cost as Eastwater floods

The Eastwater River broke its banks in Maple Ford after 48 hours of rain, leaving whole streets under water and families waiting on rooftops for help, according to residents and county authorities.

County emergency officials put the death toll at seven on Thursday night and said 14 people could not be accounted for. Dana Whitfield, who leads the county's emergency response, said crews were checking every house: "We are going street by street and house by house."

Volunteers with fishing boats joined the rescue. "I took eleven people off roofs this morning," said Marco Lutz, a retired ferry captain. Shelters in two schools and a church housed about 1,200 people overnight.

The power company reported outages at more than 9,000 homes. Officials closed the main bridge after finding a damaged support, and the state has sent National Guard troops.
"""

FRENCH = (
    "Des hommes armés ont attaqué mardi un train de voyageurs dans le sud-ouest du pays, prenant en otage "
    "plusieurs centaines de passagers, selon les autorités locales. Les forces de sécurité ont lancé une "
    "opération dans la soirée et affirment avoir libéré plus d'une centaine de personnes."
)
GERMAN = (
    "Bewaffnete Angreifer haben am Dienstag einen Personenzug im Südwesten des Landes überfallen und mehrere "
    "hundert Fahrgäste in ihre Gewalt gebracht, teilten die Behörden mit. Sicherheitskräfte starteten am Abend "
    "einen Einsatz und erklärten, mehr als hundert Menschen befreit zu haben."
)
URDU = (
    "مسلح افراد نے منگل کے روز ملک کے جنوب مغربی حصے میں ایک مسافر ٹرین پر حملہ کیا اور سینکڑوں مسافروں کو "
    "یرغمال بنا لیا، مقامی حکام کے مطابق۔ سیکیورٹی فورسز نے شام کو آپریشن شروع کیا۔"
)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gunmen seize passenger train in mountain pass | The Valley Courier</title>
<meta property="og:title" content="Gunmen seize passenger train in mountain pass">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2025-03-11T18:42:00+00:00">
<link rel="canonical" href="https://valleycourier.example/news/2025/03/11/train-seized">
<script>window.analytics = {track: function () {}};</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article>
<h1>Gunmen seize passenger train in mountain pass</h1>
<p class="byline">By Staff Reporter</p>
<p>Armed men stopped a passenger train inside a tunnel in a remote mountain pass on Tuesday afternoon and took several hundred travellers hostage, railway officials said.</p>
<p>The train was carrying about 400 passengers from the provincial capital when its engine was hit by an explosion at the mouth of the tunnel, according to a railway spokesman.</p>
<p>"The driver was injured and the carriages were surrounded within minutes," the spokesman told reporters at the main station.</p>
<p>A separatist group said in a statement that its fighters were holding more than 100 people. The claim could not be independently verified.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council approves new budget</a></li><li><a href="/b">Local team wins cup final</a></li></ul></aside>
</main>
<footer><p>Copyright 2025 The Valley Courier. All rights reserved.</p><p>Contact us | Privacy policy</p></footer>
</body>
</html>
"""

NO_ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found | The Valley Courier</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><h1>404</h1><p>Sorry, we couldn't find that page.</p>
<h2>Latest headlines</h2><ul>
<li><a href="/a">Council approves new budget after long debate</a></li>
<li><a href="/b">Local team wins cup final in extra time</a></li>
<li><a href="/c">Road closures planned for bridge repairs next week</a></li></ul></main>
<footer><a href="/contact">Contact us</a> <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

BROKEN_HTML = """<html><head><title>Two hurt in warehouse blast</title>
<body><div class="story"><p>Two workers were taken to hospital after an explosion at a paint warehouse on the
industrial estate late on Monday, the fire service said.<p>Firefighters spent three hours bringing the blaze
under control and the cause is being investigated, a spokeswoman said. <b>Nearby roads were closed
<div>Residents were told to keep windows shut because of the smoke, which could be seen across the city
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def ingest(*paths: Path | str, **kwargs: int) -> list[Article | Skipped]:
    return list(iter_inputs(paths, **kwargs))


def only(items: list[Article | Skipped]) -> Article | Skipped:
    assert len(items) == 1, items
    return items[0]


def skipped(items: list[Article | Skipped]) -> Skipped:
    item = only(items)
    assert isinstance(item, Skipped), item
    return item


def article(items: list[Article | Skipped]) -> Article:
    item = only(items)
    assert isinstance(item, Article), item
    return item


# --------------------------------------------------------------------------- plain text and encodings


def test_plain_text_article_with_headline(tmp_path: Path) -> None:
    path = write(tmp_path / "flood.txt", STORY)
    result = article(ingest(path))
    assert result.title == "Flood waters cut off river town as rescue boats reach stranded families"
    assert result.text.startswith(result.title)  # the text is kept whole
    assert "half a metre below the record" in result.text
    assert result.id == article_id_for(STORY)
    assert result.path == str(path)
    assert result.metadata == {}


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    assert headline_of("Police said two people were killed on Monday.\nThe shooting happened at night.") is None
    assert headline_of("A single line with no more text") is None
    assert headline_of("Clinton-Supporting Super PACs Target Latino Voters.\n\nAbout one") == (
        "Clinton-Supporting Super PACs Target Latino Voters"
    )


def test_binary_files_are_skipped(tmp_path: Path) -> None:
    png = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    assert "binary file (PNG image)" in skipped(ingest(png)).reason
    blob = write(tmp_path / "blob.txt", os.urandom(4096))
    assert "binary" in skipped(ingest(blob)).reason
    controls = write(tmp_path / "controls.txt", b"Police said\x01\x02\x03\x04\x05\x06 two\x07\x08 hurt\x0e\x0f" * 20)
    assert "binary" in skipped(ingest(controls)).reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n \n"])
def test_empty_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    assert "empty" in skipped(ingest(write(tmp_path / "empty.txt", content))).reason


def test_windows_1252_is_decoded(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners said \u201cnobody was hurt\u201d \u2014 but the fire cost \u20ac2,000.\nThe owner\u2019s son called firefighters."
    path = write(tmp_path / "cp1252.txt", text.encode("cp1252"))
    result = article(ingest(path))
    assert "\u201cnobody was hurt\u201d" in result.text and "\u20ac2,000" in result.text and "Caf\u00e9" in result.text
    assert result.metadata["encoding"] == "cp1252"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "utf16.txt", STORY.encode("utf-16"))  # Python writes the BOM
    assert article(ingest(path)).id == article_id_for(STORY)


def test_utf16_without_bom_and_utf8_with_bom(tmp_path: Path) -> None:
    no_bom = write(tmp_path / "utf16le.txt", STORY.encode("utf-16-le"))
    assert article(ingest(no_bom)).id == article_id_for(STORY)
    sig = write(tmp_path / "utf8sig.txt", STORY.encode("utf-8-sig"))
    assert article(ingest(sig)).text.startswith("Flood waters")


def test_utf8_with_a_few_damaged_bytes_keeps_the_rest(tmp_path: Path) -> None:
    data = "São Paulo police said “two people” were hurt.\n".encode() * 5 + b"A bad byte: \xff here.\n"
    result = article(ingest(write(tmp_path / "damaged.txt", data)))
    assert "São Paulo" in result.text and "\ufffd" in result.text
    assert "replaced" in result.metadata["encoding"]


def test_cyrillic_legacy_encoding_is_decoded_then_refused_as_not_english() -> None:
    russian = "Вооружённые люди во вторник напали на пассажирский поезд и захватили в заложники сотни пассажиров."
    decoded = decode_bytes(russian.encode("cp1251"))
    assert decoded.text == russian
    with pytest.raises(NotEnglish, match=r"not English \(detected: ru\)"):
        check_english(decoded.text)


def test_huge_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    reason = skipped(ingest(huge)).reason
    assert time.perf_counter() - started < 0.5
    assert reason.startswith("file too large (52,428,800 bytes")


def test_max_bytes_can_be_lowered(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    assert "too large" in skipped(ingest(path, max_bytes=100)).reason
    assert isinstance(only(ingest(path, max_bytes=10_000)), Article)


def test_article_over_max_chars_is_skipped(tmp_path: Path) -> None:
    long_text = ("Officials said the river rose again overnight. " * (MAX_ARTICLE_CHARS // 40))[: MAX_ARTICLE_CHARS + 500]
    reason = skipped(ingest(write(tmp_path / "long.txt", long_text))).reason
    assert reason.startswith("article text too long")


def test_unsupported_extension_is_skipped(tmp_path: Path) -> None:
    reason = skipped(ingest(write(tmp_path / "notes.docx", STORY))).reason
    assert reason.startswith("unsupported file type ('.docx')")
    assert "no extension" in skipped(ingest(write(tmp_path / "README", STORY))).reason


def test_text_file_holding_an_html_page_goes_through_html(tmp_path: Path) -> None:
    result = article(ingest(write(tmp_path / "saved-page.txt", NEWS_PAGE)))
    assert result.outlet == "The Valley Courier" and "<p>" not in result.text


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de"), (URDU, "ur")])
def test_non_english_text_is_skipped(tmp_path: Path, text: str, code: str) -> None:
    item = skipped(ingest(write(tmp_path / f"{code}.txt", text)))
    assert item.reason == f"not English (detected: {code})"


@pytest.mark.parametrize(
    "text",
    [
        "Two hurt in crash.",
        "Police: 3 dead",
        "Alex Wiederspiel in News | November 23, 2016 at 12:57PM",
        "Jean-Pierre Dubois and Hans-Jürgen Müller said the Société Générale branch in Lyon stayed shut.",
        "Muhammad Ali Khan, Bibi Fatima Baloch and Abdul Rahman Marri were among the injured in Quetta.",
        "Officers from the Kansas City Police Department, the Jackson County Sheriff's Office and the "
        "Missouri State Highway Patrol responded to the scene near Troost Avenue.",
        "UPDATE: TWO PEOPLE WERE SHOT NEAR THE BUS STATION ON FRIDAY NIGHT, POLICE SAID.",
    ],
)
def test_short_english_and_names_are_kept(text: str) -> None:
    check_english(text)  # does not raise


def test_html_in_another_language_raises_not_english() -> None:
    page = f"<html lang='fr'><body><article><p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>"
    with pytest.raises(NotEnglish):
        article_from_html(page)


# --------------------------------------------------------------------------- HTML


def test_news_page_extraction(tmp_path: Path) -> None:
    path = write(tmp_path / "train.html", NEWS_PAGE)
    result = article(ingest(path))
    assert result.title == "Gunmen seize passenger train in mountain pass"
    assert result.outlet == "The Valley Courier"
    assert result.published == "2025-03-11"
    assert result.url == "https://valleycourier.example/news/2025/03/11/train-seized"
    assert "about 400 passengers" in result.text and "more than 100 people" in result.text
    for furniture in ("cookies", "Most read", "Copyright", "Privacy policy", "analytics"):
        assert furniture not in result.text
    assert result.path == str(path)


def test_article_from_html_direct() -> None:
    result = article_from_html(NEWS_PAGE, url="https://mirror.example/train")
    assert result.id == article_id_for(result.text)
    assert result.url == "https://valleycourier.example/news/2025/03/11/train-seized"  # canonical wins


def test_html_dates_from_byline_not_from_copyright_line() -> None:
    undated = NEWS_PAGE.replace('<meta property="article:published_time" content="2025-03-11T18:42:00+00:00">', "")
    undated = undated.replace("/news/2025/03/11/train-seized", "/news/train-seized")
    assert article_from_html(undated).published is None  # not 2025-01-01 from "Copyright 2025"
    bylined = undated.replace("By Staff Reporter", "By Staff Reporter | Published 12 March 2025")
    assert article_from_html(bylined).published == "2025-03-12"


def test_html_with_no_article_is_skipped(tmp_path: Path) -> None:
    reason = skipped(ingest(write(tmp_path / "404.html", NO_ARTICLE_PAGE))).reason
    assert reason.startswith("HTML page has no article text")
    with pytest.raises(EmptyInput):
        article_from_html(NO_ARTICLE_PAGE)
    with pytest.raises(EmptyInput):
        article_from_html("<html><head><script>var a = 1;</script></head><body></body></html>")


def test_broken_html_still_gives_its_text(tmp_path: Path) -> None:
    result = article(ingest(write(tmp_path / "broken.htm", BROKEN_HTML)))
    assert "Two workers were taken to hospital" in result.text
    assert "Firefighters spent three hours" in result.text


def test_html_that_is_not_html(tmp_path: Path) -> None:
    assert "binary" in skipped(ingest(write(tmp_path / "page.html", os.urandom(3000)))).reason
    assert "no article text" in skipped(ingest(write(tmp_path / "tiny.html", "<p>Hi</p>"))).reason


# --------------------------------------------------------------------------- JSON and JSON lines


def test_jsonl_with_malformed_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": STORY, "title": "Flood", "id": "wire-1", "published": "March 13, 2025",
                    "outlet": "Wire", "section": "weather", "tags": ["flood"]}),
        '{"text": "unterminated',
        "",
        "[1, 2, 3]",
        json.dumps({"headline": "no text here", "body_html": None}),
        json.dumps({"text": OTHER_REPORT, "published": "2025-03-13T21:05:00+00:00"}),
        "not json at all",
        json.dumps({"text": 42}),
        json.dumps({"text": FRENCH}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = ingest(path)
    articles = [item for item in items if isinstance(item, Article)]
    skips = {item.line: item.reason for item in items if isinstance(item, Skipped)}
    assert [a.path for a in articles] == [f"{path}:1", f"{path}:6"]
    first, second = articles
    assert (first.title, first.external_id, first.outlet, first.published) == ("Flood", "wire-1", "Wire", "2025-03-13")
    assert first.metadata == {"section": "weather", "tags": ["flood"]}
    assert second.published == "2025-03-13T21:05:00+00:00" and second.external_id is None
    assert skips[2].startswith("malformed JSON line")
    assert skips[4].startswith("not an article: a JSON list")
    assert skips[5].startswith("not an article: JSON object has no 'text' or 'html' field (keys: body_html, headline)")
    assert skips[7].startswith("malformed JSON line")
    assert skips[8] == "not an article: 'text' is a JSON number, not a string"
    assert skips[9] == "not English (detected: fr)"
    assert set(skips) == {2, 4, 5, 7, 8, 9}  # the blank line 3 is no input at all


def test_jsonl_line_over_the_limit_skips_that_line_only(tmp_path: Path) -> None:
    big = json.dumps({"text": "x " * 5000})
    path = write(tmp_path / "mixed.jsonl", "\n".join([big, json.dumps({"text": STORY})]) + "\n")
    items = ingest(path, max_bytes=4000)
    assert isinstance(items[0], Skipped) and items[0].line == 1 and "too long" in items[0].reason
    assert isinstance(items[1], Article) and items[1].path == f"{path}:2"


def test_empty_jsonl_is_skipped(tmp_path: Path) -> None:
    assert skipped(ingest(write(tmp_path / "none.jsonl", "\n\n"))).reason == "empty file"


def test_json_that_is_not_an_article(tmp_path: Path) -> None:
    incident = write(tmp_path / "incident.json", json.dumps({"incident_id": "1", "killed": 2, "documents": []}))
    assert skipped(ingest(incident)).reason.startswith("not an article: JSON object has no 'text'")
    number = write(tmp_path / "number.json", "42")
    assert skipped(ingest(number)).reason.startswith("not an article: a JSON number")
    broken = write(tmp_path / "broken.json", '{"text": "Police said')
    assert skipped(ingest(broken)).reason.startswith("malformed JSON")
    assert skipped(ingest(write(tmp_path / "list.json", "[]"))).reason == "empty JSON list: no articles"


def test_json_list_of_articles_and_an_html_record(tmp_path: Path) -> None:
    records = [
        {"text": STORY, "url": "https://wire.example/flood", "id": 7},
        "just a string",
        {"html": NEWS_PAGE, "text": "", "title": "Train seized (given title)", "published": "11 March 2025",
         "feed": "rss"},
    ]
    path = write(tmp_path / "batch.json", json.dumps(records))
    first, bad, page = ingest(path)
    assert isinstance(first, Article) and first.external_id == "7" and first.path == f"{path}[0]"
    assert isinstance(bad, Skipped) and bad.reason.startswith("item 1: not an article: a JSON string")
    assert isinstance(page, Article)
    assert page.title == "Train seized (given title)"  # what the record says beats the page
    assert page.outlet == "The Valley Courier" and page.published == "2025-03-11"
    assert page.metadata["feed"] == "rss" and "html" not in page.metadata


def test_large_json_file_suggests_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "all.json", json.dumps([{"text": STORY}] * 20))
    assert "use JSON lines (.jsonl)" in skipped(ingest(path, max_bytes=10_000)).reason


def test_json_lines_saved_as_json(tmp_path: Path) -> None:
    path = write(tmp_path / "lines.json", json.dumps({"text": STORY}) + "\n" + json.dumps({"text": OTHER_REPORT}))
    assert [type(item) for item in ingest(path)] == [Article, Article]


def test_published_dates_are_normalised() -> None:
    assert normalise_published("March 12, 2025") == "2025-03-12"
    assert normalise_published("Wed, 12 Mar 2025 08:30:00 GMT") == "2025-03-12T08:30:00+00:00"
    assert normalise_published("2025-03-12") == "2025-03-12"
    assert normalise_published("2025-03-12T08:30:00Z") == "2025-03-12T08:30:00+00:00"
    assert normalise_published("12/03/2025") is not None
    assert normalise_published("yesterday") is None  # relative: meaningless offline
    assert normalise_published("2025-02-30") is None
    assert normalise_published("no date") is None


def test_unreadable_published_date_is_kept_raw(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps({"text": STORY, "published": "sometime soon"}))
    result = article(ingest(path))
    assert result.published is None and result.metadata["published_raw"] == "sometime soon"


# --------------------------------------------------------------------------- folders, links, vanishing files


def test_folders_walked_sorted_hidden_ignored(tmp_path: Path) -> None:
    write(tmp_path / "b" / "2.txt", OTHER_REPORT)
    write(tmp_path / "b" / "1.txt", STORY)
    write(tmp_path / "a.txt", WIRE_COPY)
    write(tmp_path / ".hidden.txt", FRENCH)
    write(tmp_path / ".git" / "config.txt", GERMAN)
    items = ingest(tmp_path)
    assert [Path(item.path).relative_to(tmp_path).as_posix() for item in items] == ["a.txt", "b/1.txt", "b/2.txt"]
    assert all(isinstance(item, Article) for item in items)


def test_symlink_loop_is_detected(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "news" / "story.txt", STORY)
    (root / "news" / "back").symlink_to(root, target_is_directory=True)  # corpus/news/back -> corpus
    (root / "self").symlink_to(root / "self")  # a link to itself
    items = ingest(root)
    articles = [item for item in items if isinstance(item, Article)]
    skips = {Path(item.path).name: item.reason for item in items if isinstance(item, Skipped)}
    assert len(articles) == 1
    assert skips["back"].startswith("symlink loop: leads back to")
    assert skips["self"] == "symlink loop, not followed"


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", STORY)
    (tmp_path / "link.txt").symlink_to(story)
    items = ingest(tmp_path, story)
    assert [type(item) for item in items] == [Article, Skipped, Skipped]
    assert all("already read" in item.reason for item in items if isinstance(item, Skipped))


def test_dangling_symlink_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "never-existed.txt")
    assert skipped(ingest(tmp_path)).reason == "dangling symlink: its target does not exist"
    assert "file not found" in skipped(ingest(tmp_path / "nope.txt")).reason


def test_file_removed_between_listing_and_reading(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", OTHER_REPORT)
    listed = list(iter_files([tmp_path]))
    os.remove(tmp_path / "a.txt")
    results = [item for path in listed for item in read_file(path)]
    assert isinstance(results[0], Skipped) and "file not found" in results[0].reason
    assert isinstance(results[1], Article)


def test_file_removed_while_iterating(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", OTHER_REPORT)
    items = iter_inputs([tmp_path])
    assert isinstance(next(items), Article)
    os.remove(tmp_path / "b.txt")  # the walk listed it already
    assert "file not found" in next(items).reason


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", STORY)
    locked.chmod(0)
    try:
        if os.geteuid() != 0:  # root reads anything: then only the simulated case below applies
            assert skipped(ingest(locked)).reason == "permission denied"
    finally:
        locked.chmod(0o644)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("accord.ingest.reader.open", refuse, raising=False)
    assert skipped(ingest(locked)).reason == "permission denied"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in skipped(ingest(fifo)).reason  # and it does not block


# --------------------------------------------------------------------------- ids


def test_ids_stable_under_whitespace_changes(tmp_path: Path) -> None:
    respaced = "  " + STORY.replace("\n", "\r\n").replace(". ", ".  ").replace("\n\n", "\n\n\n\n") + " \t\n"
    plain = article(ingest(write(tmp_path / "a.txt", STORY)))
    spaced = article(ingest(write(tmp_path / "b.txt", respaced)))
    record = article(ingest(write(tmp_path / "c.jsonl", json.dumps({"text": STORY.replace("\n\n", "\n")}) + "\n")))
    assert plain.id == spaced.id == record.id == article_id_for(STORY)
    assert article_id_for(STORY) != article_id_for(WIRE_COPY)


# --------------------------------------------------------------------------- near duplicates


def test_wire_copy_is_a_near_duplicate_and_another_report_is_not() -> None:
    index = NearDuplicateIndex()
    index.add("original", STORY)
    assert index.find(WIRE_COPY) == "original"
    assert index.find(OTHER_REPORT) is None
    assert index.find("") is None
    # A copy cut to its first half is still found (containment), from either side.
    half = STORY[: len(STORY) // 2]
    assert index.find(half) == "original"
    reverse = NearDuplicateIndex()
    reverse.add("short", half)
    assert reverse.find(STORY) == "short"


def test_signatures_persist_and_reseed() -> None:
    index = NearDuplicateIndex()
    sig = index.signature(STORY)
    assert isinstance(sig, bytes) and len(sig) < 600
    restored = NearDuplicateIndex()
    restored.add_signature("other", NearDuplicateIndex.signature(OTHER_REPORT))
    restored.add_signature("original", bytes(sig))
    assert len(restored) == 2 and "original" in restored
    assert restored.find(WIRE_COPY) == "original"
    assert restored.observe("copy", WIRE_COPY) == "original"
    assert restored.find(WIRE_COPY) == "original"  # the earliest one, not the copy
    with pytest.raises(ValueError):
        restored.add_signature("bad", b"not a signature")


def test_index_buckets_are_the_bands_of_the_signature() -> None:
    sig = NearDuplicateIndex.signature(STORY)
    buckets = band_buckets(sig)
    assert len(buckets) == len(set(buckets)) == 28  # the bands datasketch chooses for threshold 0.2
    # the first hash value of the second band (after the 5-byte header) changed: only its bucket changes
    rows = 2  # hash values per band: datasketch takes 28 bands of 2 for threshold 0.2
    changed = bytearray(sig)
    start = 5 + 4 * rows
    changed[start : start + 4] = bytes(b ^ 0xFF for b in changed[start : start + 4])
    other = band_buckets(bytes(changed))
    assert [i for i, (a, b) in enumerate(zip(buckets, other, strict=True)) if a != b] == [1]


def test_index_keeps_one_entry_per_id_and_closes() -> None:
    index = NearDuplicateIndex()
    index.add("original", STORY)
    index.add("original", OTHER_REPORT)  # the same id again: ignored
    assert len(index) == 1 and index.find(OTHER_REPORT) is None
    index.add("", "")  # an empty text is indexed, and nobody's copy
    assert len(index) == 2 and index.find("") is None
    index.close()
    with pytest.raises(sqlite3.ProgrammingError):
        index.find(STORY)


# --------------------------------------------------------------------------- API and speed


def test_public_api() -> None:
    assert set(accord.ingest.__all__) >= {"iter_inputs", "article_from_html", "NearDuplicateIndex", "MAX_FILE_BYTES"}
    for name in accord.ingest.__all__:
        assert getattr(accord.ingest, name) is not None
    assert issubclass(TooLarge, accord.errors.InputError)


def test_thousand_small_files_are_fast(tmp_path: Path) -> None:
    paragraphs = [p for p in STORY.split("\n\n") if p.strip()]
    for i in range(1000):
        write(tmp_path / f"{i // 100:02d}" / f"{i:04d}.txt", f"Report {i}\n\n{paragraphs[i % len(paragraphs)]}\n")
    with pytest.raises(NotEnglish):
        check_english(FRENCH)  # loads the language model (about 2 s, once per process) before timing
    started = time.perf_counter()
    items = ingest(tmp_path)
    elapsed = time.perf_counter() - started
    assert len(items) == 1000 and all(isinstance(item, Article) for item in items)
    assert elapsed < 5.0, f"{elapsed:.2f}s for 1,000 files"


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    body = (
        "<p>Police in Łódź and Gdańsk said on Monday that two people were injured when a tram left the "
        "rails near the main station, and that the line would stay closed until Wednesday.</p>"
    )
    page = f'<html><head><meta charset="windows-1250"><title>Tram crash</title></head><body><article>{body}</article></body></html>'
    result = article(ingest(write(tmp_path / "tram.html", page.encode("cp1250"))))
    assert "Łódź" in result.text and "Gdańsk" in result.text
    assert result.metadata["encoding"] == "cp1250"


def test_one_path_as_a_string(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    assert [type(item) for item in iter_inputs(str(tmp_path))] == [Article]


def test_unexpected_parser_error_is_recorded_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(text: str, path: str) -> Article:
        raise RuntimeError("parser bug")

    monkeypatch.setattr("accord.ingest.reader._html_article", explode)
    path = write(tmp_path / "page.html", NEWS_PAGE)
    assert skipped(ingest(path)).reason == "unexpected error while reading (RuntimeError: parser bug)"
