"""Properties of reconcile that must hold for any claims (hypothesis)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.models import Article, Claim, Interval, Source, to_dict
from accord.reconcile import reconcile_figures

OUTLETS = ["Coast Wire Service", "Coastal Observer", "Highland Times", None]
DAYS = ["2025-10-14", "2025-10-15", "2025-10-16", None]
SOURCES = [
    ("", "unattributed", None), ("police", "security"), ("the police", "security"), ("an army spokesman", "security"),
    ("the ISPR", "security"), ("interior ministry", "official"), ("the group", "perpetrator"),
    ("a security source", "security"), ("hospital officials", "official"), ("a witness", "witness"),
    ("", "media", "CNN"), ("AP", "media"), ("a security source", "security", "Reuters"),
]
PERPETRATORS = ["Tana Valley Liberation Front"]


@st.composite
def articles(draw) -> dict[str, Article]:
    count = draw(st.integers(min_value=1, max_value=5))
    result = {}
    for i in range(count):
        day = draw(st.sampled_from(DAYS))
        hour = draw(st.sampled_from(["06:00", "18:00"]))
        result[f"a{i}"] = Article(id=f"a{i}", text="text", outlet=draw(st.sampled_from(OUTLETS)),
                                  published=f"{day}T{hour}:00" if day else None)
    return result


@st.composite
def value(draw) -> tuple[Interval, str]:
    hedge = draw(st.sampled_from(["exact", "at_least", "at_most", "about", "range", "vague"]))
    low = draw(st.integers(min_value=0, max_value=400))
    if hedge == "range":
        return Interval(low, low + draw(st.integers(min_value=1, max_value=50))), hedge
    if hedge == "at_most":
        return Interval(None, low), hedge
    if hedge in ("at_least", "vague"):
        return Interval(low, None), hedge
    return Interval(low, low), hedge


@st.composite
def claims_for(draw, article_ids: list[str]) -> list[Claim]:
    result = []
    for i in range(draw(st.integers(min_value=1, max_value=12))):
        interval, hedge = draw(value())
        name, kind, *via = draw(st.sampled_from(SOURCES))
        result.append(Claim(
            measure=draw(st.sampled_from(["killed", "injured", "held"])),
            group=draw(st.sampled_from(["all", "attackers"])), value=interval, hedge=hedge,
            modality=draw(st.sampled_from(["reported", "reported", "reported", "claimed", "threatened", "denied"])),
            source=Source(name=name, kind=kind, via=via[0] if via else None),
            article=draw(st.sampled_from(article_ids)), sentence="A sentence.", span=(i * 10, i * 10 + 5),
            sentence_span=(0, 400), text="figure", as_of=draw(st.sampled_from([None, None, *DAYS[:3]])),
        ))
    return result


@st.composite
def corpus(draw) -> tuple[dict[str, Article], list[Claim]]:
    found = draw(articles())
    return found, draw(claims_for(sorted(found)))


ESTIMATES = ("measure", "group", "conservative", "consensus", "high", "latest", "latest_official", "status", "sources")


def estimates(figures) -> list[tuple]:
    return [tuple(getattr(f, name) for name in ESTIMATES) for f in figures]


@settings(max_examples=80, deadline=None)
@given(corpus(), st.randoms(use_true_random=False))
def test_any_order_of_the_same_claims_gives_the_same_figures(data, rng) -> None:
    found, claims = data
    expected = to_dict(reconcile_figures(claims, found, perpetrators=PERPETRATORS))
    shuffled = list(claims)
    rng.shuffle(shuffled)
    reordered_articles = dict(rng.sample(sorted(found.items()), len(found)))
    assert to_dict(reconcile_figures(shuffled, reordered_articles, perpetrators=PERPETRATORS)) == expected


@settings(max_examples=80, deadline=None)
@given(corpus(), st.data())
def test_a_wire_copy_changes_no_estimate(data, draw) -> None:
    found, claims = data
    original_id = draw.draw(st.sampled_from(sorted(found)))
    original = found[original_id]
    # Ingest marks the later of two near-duplicates as the copy, so the copy is published no earlier.
    later = [d for d in DAYS if d and (original.published is None or d >= original.published[:10])]
    day = draw.draw(st.sampled_from(later)) if later and original.published else None
    copy = Article(id="wirecopy", text=original.text, outlet=draw.draw(st.sampled_from(["Lakeside Herald", None])),
                   published=f"{day}T23:00:00" if day else None, copy_of=original_id)
    copied = [dataclasses.replace(c, article="wirecopy") for c in claims if c.article == original_id]
    before = reconcile_figures(claims, found, perpetrators=PERPETRATORS)
    after = reconcile_figures([*claims, *copied], {**found, "wirecopy": copy}, perpetrators=PERPETRATORS)
    assert estimates(after) == estimates(before)


@settings(max_examples=100, deadline=None)
@given(corpus())
def test_estimates_are_ordered(data) -> None:
    found, claims = data
    for figure in reconcile_figures(claims, found, perpetrators=PERPETRATORS):
        if figure.conservative is None:
            assert figure.consensus is None and figure.high is None
            continue
        assert figure.conservative <= figure.consensus <= figure.high
        assert figure.latest is not None and figure.conservative <= figure.latest <= figure.high
        assert figure.status in ("agreed", "updated", "disputed")
        assert figure.explanation.endswith(".")
