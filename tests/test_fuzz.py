"""Fuzzing ingest and extract: random bytes, mutated news texts, random HTML.

Whatever comes in, nothing but an ``InputError`` (recorded as a skipped input)
may come out of ingest, nothing at all may escape extraction, and every claim
must point at its own words: ``article.text[span] == claim.text``, inside its
sentence, and the sentence is the article's text at ``sentence_span``.

Bounded for CI (a few hundred examples, well under a minute on the session's
spaCy pipeline). For a longer, coverage-guided run with atheris::

    pip install atheris            # 3.0.0 has manylinux wheels for CPython 3.11
    python tests/test_fuzz.py -max_len=4000 -len_control=0 -max_total_time=600

(Instrumenting the ~21,700 loaded functions takes a minute; then ~10 inputs a second.)
"""

from __future__ import annotations

import json
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.extract import Extractor
from accord.ingest import FORMATS, article_from_html, make_article, read_file
from accord.models import GROUPS, HEDGES, MEASURES, MODALITIES, Article, ArticleExtraction, Skipped

#: Longest base text given to the fuzzer: long enough for several sentences with
#: figures and attributions, short enough for one spaCy pass in a few milliseconds.
MAX_BASE_CHARS = 800

FUZZ_SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

# Number phrases of every shape the figure extractor reads, and some it should not.
NUMBER_PHRASES = [
    "at least 16", "more than two dozen", "nearly 350", "70 to 80", "dozens of", "1,234,567", "0", "-3",
    "3.5", "\u00bd", "\u0663", "IV", "2nd", "24/7", "9/11", "1e9", "10 million", "twenty-one",
    "a hundred and one", "between 5 and", "up to", "some 40", "about 1,000", "one or two", "12-year-old",
    "$5,000", "5:30 p.m.", "No. 7", "1,2,3", "99999999999999999999", "...", "(15)", "\u201c33\u201d",
]
NOISE = [
    "<b>", "</p>", "&amp;", "<script>var x = 1;</script>", "\n\n", "\u200b", "\ufeff", "\r\n", "\t", "\u00a0",
    "\ufffd", "\U0001f600", "\u202e", "said", "killed", "injured", "police said", "according to officials",
    "\u201c", "\u201d", "'", '"', ".", "?!", ";", "\x00",
]


def _sample_texts() -> list[str]:
    """Short windows of the dev reports (seeds and GVA), cut at a sentence end."""
    from tests.conftest import GVA_FILE, SEEDS_DIR

    texts: list[str] = []
    if SEEDS_DIR.exists():
        for path in sorted(SEEDS_DIR.iterdir()):
            text = path.read_text(encoding="utf-8")
            texts.extend(text[start:start + MAX_BASE_CHARS] for start in range(0, min(len(text), 6000), MAX_BASE_CHARS))
    if GVA_FILE.exists():
        with GVA_FILE.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle):
                if n >= 40:
                    break
                for doc in json.loads(line)["documents"][:1]:
                    if doc["text"].strip():
                        texts.append(doc["text"][:MAX_BASE_CHARS])
    texts.append("Police said at least 16 militants were killed and 33 soldiers injured on Tuesday.")
    return texts


@lru_cache(maxsize=1)
def sample_texts() -> tuple[str, ...]:
    return tuple(_sample_texts())


# --------------------------------------------------------------------------- invariants


def check_extraction(article: Article, extraction: ArticleExtraction) -> None:
    """What every extraction of every article must satisfy."""
    text = article.text
    assert extraction.article == article.id
    for claim in [*extraction.claims, *extraction.statistics]:
        start, end = claim.span
        assert 0 <= start < end <= len(text), (claim.span, len(text))
        assert text[start:end] == claim.text, (claim.text, text[start:end])
        assert claim.text in claim.sentence, (claim.text, claim.sentence)
        sentence_start, sentence_end = claim.sentence_span
        assert sentence_start <= start and end <= sentence_end, (claim.span, claim.sentence_span)
        assert text[sentence_start:sentence_end] == claim.sentence
        assert claim.article == article.id
        assert claim.measure in MEASURES and claim.group in GROUPS
        assert claim.hedge in HEDGES and claim.modality in MODALITIES
        low, high = claim.value.low, claim.value.high
        assert low is None or high is None or low <= high, (claim.text, low, high)
        assert all(v is None or v >= 0 for v in (low, high)), (claim.text, low, high)
    for quote in extraction.quotes:
        start, end = quote.span
        assert 0 <= start <= end <= len(text), (quote.span, len(text))
    mentions = {m.index for m in extraction.mentions}
    for item in [*extraction.claims, *extraction.quotes]:
        assert not mentions or item.mention in mentions, (item.mention, mentions)


def extract_and_check(extractor: Extractor, articles: list[Article]) -> None:
    for article, extraction in zip(articles, extractor.extract_many(articles), strict=True):
        check_extraction(article, extraction)


# --------------------------------------------------------------------------- mutations

positions = st.floats(min_value=0, max_value=1, allow_nan=False)
mutation = st.one_of(
    st.tuples(st.just("insert"), positions, st.text(max_size=30)),
    st.tuples(st.just("insert"), positions, st.sampled_from(NUMBER_PHRASES + NOISE)),
    st.tuples(st.just("delete"), positions, st.integers(0, 80)),
    st.tuples(st.just("digits"), positions, st.from_regex(r"[0-9][0-9,.]{0,10}", fullmatch=True)),
    st.tuples(st.just("duplicate"), positions, st.integers(1, 200)),
)


def mutate(text: str, mutations: list[tuple[str, float, object]]) -> str:
    for kind, where, arg in mutations:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + str(arg) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + int(arg):]  # type: ignore[call-overload]
        elif kind == "digits":  # replace the next number with another
            digit = next((i for i in range(at, len(text)) if text[i].isdigit()), None)
            if digit is not None:
                end = digit
                while end < len(text) and (text[end].isdigit() or text[end] in ",."):
                    end += 1
                text = text[:digit] + str(arg) + text[end:]
        elif kind == "duplicate":
            text = text[:at] + text[at:at + int(arg)] + text[at:]  # type: ignore[call-overload]
    return text


# --------------------------------------------------------------------------- tests


@FUZZ_SETTINGS
@given(base=st.integers(min_value=0), mutations=st.lists(mutation, max_size=12))
def test_mutated_news_texts(extractor: Extractor, base: int, mutations: list) -> None:
    texts = sample_texts()
    text = mutate(texts[base % len(texts)], mutations)
    try:
        article = make_article(text, title="fuzz", published="2025-03-12")
    except InputError:
        return  # empty, too long or not English after mutation: a skipped input, as it should be
    extract_and_check(extractor, [article])


@settings(FUZZ_SETTINGS, max_examples=100)
@given(pieces=st.lists(st.one_of(st.text(max_size=40), st.sampled_from(NUMBER_PHRASES + NOISE)), max_size=40))
def test_random_texts(extractor: Extractor, pieces: list[str]) -> None:
    text = " ".join(pieces)
    try:
        article = make_article(text)
    except InputError:
        return
    extract_and_check(extractor, [article])


tags = st.sampled_from(["p", "div", "article", "main", "span", "h1", "h2", "li", "ul", "nav", "footer",
                        "script", "style", "table", "td", "tr", "a", "b", "i", "br", "header", "aside"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    texts = sample_texts()
    parts = ["<!doctype html>" if draw(st.booleans()) else "", "<html><head>"]
    if draw(st.booleans()):
        parts.append(f"<title>{draw(st.text(max_size=40))}</title>")
    if draw(st.booleans()):
        parts.append(f'<meta name="date" content="{draw(st.sampled_from(["2025-03-12", "yesterday", "", "13/13/2013"]))}">')
    parts.append("</head><body>")
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(tags)
        body = mutate(texts[draw(st.integers(0, len(texts) - 1))], draw(st.lists(mutation, max_size=4)))
        body = body[: draw(st.integers(0, len(body)))]
        closed = draw(st.booleans())
        parts.append(f"<{tag}>{body}" + (f"</{tag}>" if closed else ""))
    if draw(st.booleans()):
        parts.append(draw(st.text(max_size=60)))
    parts.append("</body></html>" if draw(st.booleans()) else "")
    return "".join(parts)


@FUZZ_SETTINGS
@given(page=html_pages())
def test_random_html(extractor: Extractor, page: str) -> None:
    try:
        article = article_from_html(page, path="fuzz.html")
    except InputError:
        return
    extract_and_check(extractor, [article])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=3000), st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from(sorted(FORMATS)))
def test_random_files_never_raise(extractor: Extractor, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_file(path))
    assert items, "every file gives an article or a reason"
    for item in items:
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
    extract_and_check(extractor, [item for item in items if isinstance(item, Article)])


# --------------------------------------------------------------------------- atheris (not run by pytest)


def _atheris_main() -> None:  # pragma: no cover - a manual, coverage-guided run
    import atheris

    extractor = Extractor()
    texts = sample_texts()
    atheris.instrument_all()  # accord is imported already (above): instrument what is loaded

    def one_input(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        choice = provider.ConsumeIntInRange(0, 2)
        if choice == 0:  # a mutated report
            base = texts[provider.ConsumeIntInRange(0, len(texts) - 1)]
            at = provider.ConsumeIntInRange(0, len(base))
            text = base[:at] + provider.ConsumeUnicodeNoSurrogates(40) + base[at + provider.ConsumeIntInRange(0, 40):]
            make = lambda: make_article(text)  # noqa: E731
        elif choice == 1:
            page = provider.ConsumeUnicodeNoSurrogates(4000)
            make = lambda: article_from_html(page)  # noqa: E731
        else:
            raw = provider.ConsumeBytes(4000)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "input.txt"
                path.write_bytes(raw)
                items = [i for i in read_file(path) if isinstance(i, Article)]
            extract_and_check(extractor, items)
            return
        try:
            article = make()
        except InputError:
            return
        extract_and_check(extractor, [article])

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    _atheris_main()
