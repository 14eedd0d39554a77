"""Reconcile on hand-built claims: statuses, estimates, hedges, sources, incidents."""

from __future__ import annotations

import dataclasses
import random

import pytest

from accord.models import (
    Article,
    ArticleExtraction,
    Claim,
    IncidentGroup,
    IncidentMention,
    Interval,
    LinkEvidence,
    MentionRef,
    Place,
    Quote,
    Source,
    Speaker,
    to_dict,
)
from accord.reconcile import build_incidents, reconcile_figures
from accord.reconcile.intervals import compatible
from accord.reconcile.source_identity import SourceResolver, canonical_outlet

PERPETRATOR = "Tana Valley Liberation Front"


def article(id: str, outlet: str | None, published: str | None, copy_of: str | None = None) -> Article:
    return Article(id=id, text=f"text of {id}", title=f"Title {id}", url=f"https://example.org/{id}",
                   outlet=outlet, published=published, copy_of=copy_of)


def claim(art: str, low: int | None, high: int | None = -1, hedge: str = "exact", source: str = "",
          kind: str = "unattributed", via: str | None = None, measure: str = "killed", group: str = "all",
          modality: str = "reported", as_of: str | None = None, start: int = 0, mention: int = 0) -> Claim:
    high = low if high == -1 else high
    return Claim(
        measure=measure, group=group, value=Interval(low, high), hedge=hedge, modality=modality,
        source=Source(name=source, kind=kind, via=via), article=art, sentence=f"A sentence in {art}.",
        span=(start, start + 5), sentence_span=(0, 40), text="figure", as_of=as_of, mention=mention,
    )


ARTICLES = {a.id: a for a in [
    article("d1", "Coast Wire Service", "2025-10-14T19:00:00"),
    article("d1b", "Lakeside Herald", "2025-10-14T21:30:00", copy_of="d1"),
    article("d2", "Coastal Observer", "2025-10-15T08:00:00"),
    article("d2x", "Highland Times", "2025-10-15T08:00:00"),
    article("d2y", "Eastern Star", "2025-10-15T08:00:00"),
    article("d3", "Highland Times", "2025-10-16T10:00:00"),
    article("d3x", "Eastern Star", "2025-10-16T10:00:00"),
    article("d3y", "Morning Courier", "2025-10-16T10:00:00"),
    article("u1", None, None),
    article("u2", None, None),
]}


def only(figures):
    assert len(figures) == 1
    return figures[0]


# ------------------------------------------------------------------ hedges as intervals


@pytest.mark.parametrize(("a", "b", "expected"), [
    (claim("d1", 16, None, "at_least"), claim("d2", 33), True),
    (claim("d1", 350, hedge="about"), claim("d2", 350), True),  # "nearly 350" and "350"
    (claim("d1", 30, hedge="about"), claim("d2", 33), True),
    (claim("d1", 30, hedge="about"), claim("d2", 35), False),
    (claim("d1", 24, None, "vague"), claim("d2", 30), True),  # "dozens" and 30
    (claim("d1", 24, None, "vague"), claim("d2", 12), False),
    (claim("d1", 70, 80, "range"), claim("d2", 75), True),
    (claim("d1", 70, 80, "range"), claim("d2", 90), False),
    (claim("d1", None, 20, "at_most"), claim("d2", 12), True),
    (claim("d1", 33), claim("d2", 35), False),
    (claim("d1", None, None, "vague"), claim("d2", 35), True),  # "several" with no bound fits anything
])
def test_hedged_figures_are_compared_as_intervals(a: Claim, b: Claim, expected: bool) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_at_least_and_exact_at_the_same_time_agree() -> None:
    figure = only(reconcile_figures(
        [claim("d2", 16, None, "at_least", "police", "security"), claim("d2x", 33)], ARTICLES))
    assert figure.status == "agreed"
    assert (figure.conservative, figure.high, figure.sources) == (16, 33, 2)
    assert figure.consensus == 33  # both sources allow 33; only one allows 16


def test_nearly_and_exact_agree() -> None:
    figure = only(reconcile_figures(
        [claim("d2", 350, hedge="about", source="the army", kind="security", measure="rescued"),
         claim("d2x", 350, measure="rescued")], ARTICLES))
    assert figure.status == "agreed"
    assert figure.conservative == figure.consensus == figure.high == 350


# ------------------------------------------------------------------ statuses


def test_one_source_agrees_with_itself() -> None:
    figure = only(reconcile_figures([claim("d2", 27, source="police", kind="security")], ARTICLES))
    assert figure.status == "agreed"
    assert (figure.conservative, figure.consensus, figure.high, figure.latest) == (27, 27, 27, 27)
    assert figure.latest_official == 27
    assert figure.sources == 1
    assert figure.explanation.startswith("Agreed") and figure.explanation.endswith(".")


def test_toll_that_grows_over_time_is_an_update() -> None:
    # First night "at least 12" from one outlet, "27" next day from another: an update, not a dispute.
    figure = only(reconcile_figures([claim("d1", 12, None, "at_least"), claim("d2", 27)], ARTICLES))
    assert figure.status == "updated"
    assert (figure.conservative, figure.consensus, figure.high, figure.latest) == (27, 27, 27, 27)
    assert "Updated" in figure.explanation and "at least 12" in figure.explanation


def test_same_source_revising_down_is_an_update_to_the_lower_figure() -> None:
    figure = only(reconcile_figures(
        [claim("d1", 12, source="police", kind="security"), claim("d2", 10, source="the police", kind="security")],
        ARTICLES))
    assert figure.status == "updated"
    assert (figure.conservative, figure.high, figure.latest_official) == (10, 10, 10)


def test_growth_within_the_authorities_supersedes_the_first_night_figure() -> None:
    figure = only(reconcile_figures(
        [claim("d1", 16, None, "at_least", "interior ministry", "official", group="attackers"),
         claim("d2", 33, source="army spokesman", kind="security", group="attackers")], ARTICLES))
    assert figure.status == "updated"
    assert figure.conservative == 33


def test_figures_that_differ_at_the_same_time_are_disputed() -> None:
    figure = only(reconcile_figures(
        [claim("d2", 33, source="army spokesman", kind="security"), claim("d2x", 35, via="CNN"),
         claim("d2y", 50, source="the Associated Press", kind="media", start=50)], ARTICLES))
    assert figure.status == "disputed"
    assert (figure.conservative, figure.consensus, figure.high) == (33, 35, 50)
    assert figure.sources == 3
    assert figure.explanation.startswith("Disputed")


def test_a_toll_that_climbs_the_next_day_is_an_update_whoever_gives_it() -> None:
    # The ministry's 16 on the first night, the press's 33 the next day: bodies found, not a dispute.
    figure = only(reconcile_figures(
        [claim("d1", 16, source="interior ministry", kind="official"), claim("d2", 33)], ARTICLES))
    assert figure.status == "updated"
    assert (figure.conservative, figure.consensus, figure.high) == (33, 33, 33)


def test_a_lower_figure_of_a_later_day_from_another_source_is_a_dispute() -> None:
    figure = only(reconcile_figures(
        [claim("d1", 33, source="interior ministry", kind="official"), claim("d2", 16)], ARTICLES))
    assert figure.status == "disputed"
    assert (figure.conservative, figure.high) == (16, 33)


def test_a_state_that_can_fall_is_not_overtaken_by_another_source_the_next_day() -> None:
    # "held" goes down as hostages go free: a misfit across kinds of source stays a dispute
    figure = only(reconcile_figures(
        [claim("d1", 16, source="interior ministry", kind="official", measure="held", group="hostages"),
         claim("d2", 33, measure="held", group="hostages")], ARTICLES))
    assert figure.status == "disputed"


def test_the_perpetrators_higher_figure_of_a_later_day_overtakes_nothing() -> None:
    figure = only(reconcile_figures(
        [claim("d1", 16, source="police", kind="security", group="security"),
         claim("d2", 40, source="the group", kind="perpetrator", group="security")], ARTICLES,
        perpetrators=[PERPETRATOR]))
    assert figure.status == "disputed" and figure.conservative == 16


# ------------------------------------------------------------------ subsets


def subset(claim_: Claim) -> Claim:
    return dataclasses.replace(claim_, scope="subset")


def test_a_subset_never_becomes_an_estimate_beside_its_total() -> None:
    # "At least 72 people, including 20 children and nine women, were killed": 72 is the toll
    claims = [claim("d2", 72, None, "at_least"), subset(claim("d2", 9)), subset(claim("d2x", 20))]
    figure = only(reconcile_figures(claims, ARTICLES))
    assert (figure.conservative, figure.consensus, figure.high) == (72, 72, 72)
    assert figure.status == "agreed" and figure.scope == "total"
    assert len(figure.claims) == 3  # shown, not counted


def test_a_subset_does_not_overtake_an_earlier_total_nor_dispute_it() -> None:
    claims = [claim("d1", 12), subset(claim("d2", 5))]
    figure = only(reconcile_figures(claims, ARTICLES))
    assert figure.status == "agreed" and figure.conservative == 12


def test_a_figure_of_subsets_alone_says_so() -> None:
    # "Five Chinese nationals were among the dead": at least five civilians, the civilians' toll unknown
    figure = only(reconcile_figures([subset(claim("d2", 5, group="civilians"))], ARTICLES))
    assert figure.scope == "subset" and figure.conservative == 5


def test_a_reports_smaller_figures_beside_its_toll_are_never_the_conservative() -> None:
    # One report: "at least 40 people were killed, officials said ... 27 people in Tanta, 13 in
    # Alexandria"; another of the same day: "36 people". The conservative is the lowest report's toll.
    claims = [claim("d2", 40, None, "at_least", "officials", "official"), claim("d2", 27, start=20),
              claim("d2", 13, start=40), claim("d2x", 36)]
    figure = only(reconcile_figures(claims, ARTICLES))
    assert (figure.conservative, figure.consensus, figure.high) == (36, 36, 40)
    assert figure.latest_official == 40  # the officials' toll, not a part they gave
    assert len(figure.claims) == 4  # the parts are still shown
    assert "lowest toll still standing" in figure.explanation


def test_a_report_of_one_figure_keeps_it_as_its_toll() -> None:
    # A report that gives only a part ("two foreign women were among the dead") still gives its figure
    # when no other report counts the dead: there is nothing else to call the toll.
    figure = only(reconcile_figures([claim("d2", 2)], ARTICLES))
    assert (figure.conservative, figure.consensus, figure.high) == (2, 2, 2)


def test_an_earlier_toll_a_report_recounts_is_not_its_toll() -> None:
    # "The toll rose to 27; the president had earlier put it at 23": the report's toll is 27.
    figure = only(reconcile_figures([claim("d3", 27), claim("d3", 23, source="president", kind="official",
                                                               start=30), claim("d3x", 27)], ARTICLES))
    assert (figure.conservative, figure.consensus, figure.high) == (27, 27, 27)


def test_a_reports_zero_beside_another_reports_count_is_no_toll() -> None:
    # "No bodies were found in the rubble," the minister said a day after others counted 59 dead.
    figure = only(reconcile_figures([claim("d2", 59), claim("d3", 0, source="minister", kind="official")],
                                    ARTICLES))
    assert (figure.conservative, figure.consensus, figure.high) == (59, 59, 59)
    alone = only(reconcile_figures([claim("d3", 0, source="minister", kind="official")], ARTICLES))
    assert (alone.conservative, alone.high) == (0, 0)  # "nobody was killed", and nobody says otherwise


def test_undated_figures_never_supersede_each_other() -> None:
    figure = only(reconcile_figures([claim("u1", 12), claim("u2", 27)], ARTICLES))
    assert figure.status == "disputed"
    assert (figure.conservative, figure.consensus, figure.high) == (12, 12, 27)  # the lower middle figure


# ------------------------------------------------------------------ what is counted


def test_threats_and_denials_are_listed_but_never_counted() -> None:
    claims = [claim("d2", 50, source="the group", kind="perpetrator", modality="threatened", group="hostages"),
              claim("d2x", 0, source="the group", kind="perpetrator", modality="denied", group="hostages")]
    figure = only(reconcile_figures(claims, ARTICLES, perpetrators=[PERPETRATOR]))
    assert len(figure.claims) == 2
    assert (figure.conservative, figure.consensus, figure.high, figure.latest) == (None, None, None, None)
    assert figure.sources == 0
    assert "threats or denials" in figure.explanation
    with_report = reconcile_figures([*claims, claim("d3", 4, group="hostages")], ARTICLES,
                                    perpetrators=[PERPETRATOR])
    assert (with_report[0].conservative, with_report[0].high, with_report[0].status) == (4, 4, "agreed")


def test_perpetrator_claims_are_shown_but_kept_out_of_the_estimates() -> None:
    claims = [claim("d2", 6, source="police", kind="security", group="security"),
              claim("d2x", 15, source="the group", kind="perpetrator", group="security")]
    figure = only(reconcile_figures(claims, ARTICLES, perpetrators=[PERPETRATOR]))
    assert figure.status == "disputed"
    assert (figure.conservative, figure.consensus, figure.high) == (6, 6, 6)
    assert len(figure.claims) == 2 and figure.sources == 2
    assert "perpetrators' own claim" in figure.explanation
    assert any(c.source.canonical == PERPETRATOR for c in figure.claims)


def test_perpetrator_claims_are_the_estimate_when_nobody_else_gives_one() -> None:
    claims = [claim("d1", 182, source="the militants", kind="perpetrator", group="hostages", measure="held"),
              claim("d2", 214, source="TVLF", kind="perpetrator", group="hostages", measure="held")]
    figure = only(reconcile_figures(claims, ARTICLES, perpetrators=[PERPETRATOR]))
    assert figure.sources == 1  # "the militants" and the acronym are the same perpetrator
    assert figure.status == "updated"
    assert (figure.conservative, figure.consensus, figure.high) == (214, 214, 214)
    assert "only the perpetrators" in figure.explanation


def test_wire_copy_is_not_a_second_source() -> None:
    original = [claim("d1", 12, None, "at_least", "police", "security"), claim("d2", 9)]
    copied = [*original, claim("d1b", 12, None, "at_least", "police", "security")]
    alone, with_copy = only(reconcile_figures(original, ARTICLES)), only(reconcile_figures(copied, ARTICLES))
    assert with_copy.sources == alone.sources == 2
    assert len(with_copy.claims) == 3
    estimates = ("conservative", "consensus", "high", "latest", "latest_official", "status")
    assert [getattr(with_copy, name) for name in estimates] == [getattr(alone, name) for name in estimates]


def test_unattributed_figures_of_a_wire_copy_are_the_wire_outlet() -> None:
    figure = only(reconcile_figures([claim("d1", 12), claim("d1b", 12)], ARTICLES))
    assert figure.sources == 1
    assert {c.source.canonical for c in figure.claims} == {"Coast Wire Service"}


def test_figure_credited_to_an_outlet_counts_once_however_often_repeated() -> None:
    claims = [claim(a, 35, via="CNN") for a in ("d3", "d3x", "d3y")]
    claims += [claim("d3", 50, source="AP", kind="media", start=40), claim("d3x", 60, via="Reuters", start=40)]
    figure = only(reconcile_figures(claims, ARTICLES))
    assert figure.sources == 3
    assert figure.consensus == 50  # median of CNN 35, AP 50, Reuters 60, CNN counted once


def test_source_aliases_collapse_to_one_source() -> None:
    names = ["the ISPR", "the military's media wing", "an army spokesman", "Military spokesman Maj. Gen. X"]
    claims = [claim(a, 33, source=name, kind="security", group="attackers")
              for a, name in zip(("d2", "d2x", "d3", "d3x"), names, strict=True)]
    figure = only(reconcile_figures(claims, ARTICLES))
    assert figure.sources == 1
    assert {c.source.canonical for c in figure.claims} == {"military"}


def test_perpetrator_references_resolve_to_the_perpetrator() -> None:
    resolver = SourceResolver([PERPETRATOR])
    for name in ("the group", "the militants", "TVLF", "a spokesman for the group", "Tana Valley Liberation Front"):
        resolved = resolver.resolve(name, "unattributed")
        assert (resolved.canonical, resolved.kind) == (PERPETRATOR, "perpetrator"), name
    # A liberation *army* is not the army, and a rights group is not "the group".
    other = SourceResolver([]).resolve("Balochistan Liberation Army", "perpetrator")
    assert other.canonical == "Balochistan Liberation Army"
    assert SourceResolver([PERPETRATOR]).resolve("a human rights group", "expert").kind == "expert"


def test_outlets_are_normalised() -> None:
    assert canonical_outlet("AP") == canonical_outlet("the Associated Press") == "Associated Press"
    assert canonical_outlet("The Lakeside Herald") == "Lakeside Herald"


def test_outlet_and_as_of_are_filled_and_the_input_is_left_alone() -> None:
    original = claim("d2", 27, source="the police", kind="security")
    before = to_dict(original)
    figure = only(reconcile_figures([original], ARTICLES))
    assert to_dict(original) == before
    assert figure.claims[0].outlet == "Coastal Observer"
    assert figure.claims[0].as_of == "2025-10-15"
    assert figure.claims[0].source.canonical == "police"


def test_figures_come_in_vocabulary_order_with_claims_in_time_order() -> None:
    claims = [claim("d3", 5, measure="injured"), claim("d2", 27), claim("d1", 12, None, "at_least"),
              claim("d2", 3, group="attackers", start=30)]
    figures = reconcile_figures(claims, ARTICLES)
    assert [(f.measure, f.group) for f in figures] == [("killed", "all"), ("killed", "attackers"), ("injured", "all")]
    assert [c.article for c in figures[0].claims] == ["d1", "d2"]


# ------------------------------------------------------------------ incidents


def mention(art: str, index: int, event_type: str, date: str | None, place: Place | None,
            background: bool = False, basis: str = "weekday", perpetrators: tuple[str, ...] = ()) -> IncidentMention:
    return IncidentMention(index=index, article=art, event_type=event_type, background=background, date=date,
                           date_basis=basis, place=place, perpetrators=list(perpetrators))


HOLA = Place(name="Hola", admin1="Tana River", country="KE", country_name="Kenya", feature="city")
TANA = Place(name="Tana River", admin1="Tana River", country="KE", country_name="Kenya", feature="admin1")
KENYA = Place(name="Kenya", country="KE", country_name="Kenya", feature="country")
WITU = Place(name="Witu", admin1="Lamu", country="KE", country_name="Kenya", feature="city")


def incident_inputs():
    extractions = {
        "d1": ArticleExtraction(
            article="d1",
            claims=[claim("d1", 12, None, "at_least", "police", "security"),
                    claim("d1", 14, source="police", kind="security", mention=1, start=300)],
            quotes=[Quote(text="They stopped the bus", span=(10, 30), cue="said", cue_span=(31, 35),
                          speaker=Speaker(name="a passenger", kind="witness"), direct=True, article="d1")],
            mentions=[mention("d1", 0, "hijacking", "2025-10-14", HOLA, perpetrators=(PERPETRATOR,)),
                      mention("d1", 1, "armed_assault", "2024-06-03", WITU, background=True, basis="absolute")]),
        "d2": ArticleExtraction(
            article="d2",
            claims=[claim("d2", 27), claim("d2", 15, source="the group", kind="perpetrator", group="security")],
            quotes=[Quote(text="the toll has risen", span=(50, 70), cue="said", cue_span=(71, 75),
                          speaker=Speaker(name="Commander A. Example", kind="security"), direct=False)],
            mentions=[mention("d2", 0, "hijacking", "2025-10-14", TANA, perpetrators=("TVLF", PERPETRATOR))]),
        "d3": ArticleExtraction(
            article="d3",
            claims=[claim("d3", 31, measure="rescued", group="hostages")],
            mentions=[mention("d3", 0, "hostage_taking", "2025-10-15", KENYA, perpetrators=(PERPETRATOR,)),
                      mention("d3", 1, "armed_assault", "2024-06-03", WITU, background=True, basis="absolute")]),
    }
    groups = [
        IncidentGroup(id="inc-bus", members=[MentionRef("d1", 0), MentionRef("d2", 0), MentionRef("d3", 0)],
                      evidence=[LinkEvidence(article="d2", index=0, score=0.9, signals={"place": 1.0})]),
        IncidentGroup(id="inc-witu", members=[MentionRef("d3", 1), MentionRef("d1", 1)]),
    ]
    return groups, extractions


def test_build_incidents_lays_out_one_incident_per_group() -> None:
    groups, extractions = incident_inputs()
    main, background = build_incidents(groups, ARTICLES, extractions)
    assert (main.id, background.id) == ("inc-bus", "inc-witu")
    assert main.type == "hijacking"
    assert main.title == "Hijacking — Hola, Tana River, Kenya — 2025-10-14"
    assert (main.start, main.end) == ("2025-10-14", "2025-10-15")
    assert main.place == HOLA
    assert main.perpetrators[0] == PERPETRATOR
    assert [a.id for a in main.articles] == ["d1", "d2", "d3"]
    assert main.articles[0].outlet == "Coast Wire Service" and main.articles[0].url == "https://example.org/d1"
    killed = next(f for f in main.figures if (f.measure, f.group) == ("killed", "all"))
    assert (killed.status, killed.conservative) == ("updated", 27)
    assert all(c.article != "d1" or c.value.low != 14 for f in main.figures for c in f.claims)  # background claim
    assert len(main.timeline) == sum(len(f.claims) for f in main.figures) == 4
    assert [e.as_of for e in main.timeline] == sorted(e.as_of for e in main.timeline)
    assert {q.article for q in main.quotes} == {"d1", "d2"}
    assert not main.background and main.evidence == groups[0].evidence
    assert background.background and background.type == "armed_assault"
    assert background.start == "2024-06-03" and background.figures[0].conservative == 14


def test_build_incidents_does_not_depend_on_input_order() -> None:
    groups, extractions = incident_inputs()
    expected = to_dict(build_incidents(groups, ARTICLES, extractions))
    rng = random.Random(7)
    for _ in range(5):
        shuffled = [dataclasses.replace(g, members=rng.sample(g.members, len(g.members))) for g in groups]
        rng.shuffle(shuffled)
        reordered = {k: dataclasses.replace(e, claims=rng.sample(e.claims, len(e.claims)))
                     for k, e in rng.sample(sorted(extractions.items()), len(extractions))}
        assert to_dict(build_incidents(shuffled, ARTICLES, reordered)) == expected


# ------------------------------------------------------------------ naming sources from the incident itself


def test_pronoun_sources_are_named_through_the_quote_speakers() -> None:
    kiptoo = Speaker(name="Daniel Kiptoo", role="county police commander", kind="security", resolved="Daniel Kiptoo")
    he = Speaker(name="he", role="he", kind="security", resolved="Daniel Kiptoo")
    quotes = [Quote(text="q", span=(0, 1), cue="said", cue_span=None, speaker=kiptoo, direct=False, article="d1"),
              Quote(text="q", span=(0, 1), cue="said", cue_span=None, speaker=he, direct=False, article="d2")]
    claims = [claim("d1", 12, None, "at_least", "Daniel Kiptoo", "security"),
              claim("d2", 27, source="he", kind="unattributed"), claim("d3", 27, source="police", kind="security")]
    figure = only(reconcile_figures(claims, ARTICLES, quotes=quotes))
    assert {c.source.canonical for c in figure.claims} == {"police"}
    assert figure.sources == 1 and figure.status == "updated"
    # Without the speakers, "he" is an anonymous source of its outlet, not a source called "he".
    alone = only(reconcile_figures(claims, ARTICLES))
    assert alone.sources == 3


def test_a_surname_is_the_person_named_in_full_elsewhere() -> None:
    claims = [claim("d2", 11, source="Military spokesman Colonel Ruth Njeri", kind="security", group="attackers"),
              claim("d3", 11, source="Ruth Njeri", kind="security", group="attackers"),
              claim("d3x", 11, source="Njeri", kind="unattributed", group="attackers")]
    figure = only(reconcile_figures(claims, ARTICLES))
    assert figure.sources == 1
    assert {(c.source.canonical, c.source.kind) for c in figure.claims} == {("military", "security")}


def test_anonymous_sources_count_once_per_outlet() -> None:
    claims = [claim("d3", 40, source="a security source", kind="security"),
              claim("d3x", 40, source="a security source", kind="security"),
              claim("d3y", 40, source="a security source", kind="security", via="Reuters"),
              claim("d2", 40, source="a security source", kind="security", via="Reuters")]
    assert only(reconcile_figures(claims, ARTICLES)).sources == 3


def test_unattributed_kind_takes_the_kind_of_the_named_source() -> None:
    figure = only(reconcile_figures([claim("d2", 27, source="the Interior Ministry", kind="unattributed")], ARTICLES))
    assert (figure.claims[0].source.canonical, figure.claims[0].source.kind) == ("interior ministry", "official")
    assert figure.latest_official == 27


# ------------------------------------------------------------------ the demo corpus


def test_demo_corpus_reads_as_ten_articles_with_one_wire_copy() -> None:
    from accord.ingest import iter_inputs
    from accord.ingest.dedup import NearDuplicateIndex
    from accord.pipeline import demo_corpus_path

    found = [item for item in iter_inputs([demo_corpus_path()]) if isinstance(item, Article)]
    assert 8 <= len(found) <= 12
    assert {a.path.rsplit(".", 1)[-1].split(":")[0] for a in found} == {"jsonl", "html", "txt"}
    by_external = {a.external_id: a for a in found if a.external_id}
    assert all(a.url and a.outlet and a.published and a.title for a in by_external.values())
    assert all(".example." in a.url for a in by_external.values())
    html = next(a for a in found if a.path.endswith(".html"))
    assert (html.outlet, (html.published or "")[:10]) == ("Eastern Star", "2025-10-16")
    assert "Subscribe" not in html.text and "Privacy" not in html.text  # page furniture removed
    index = NearDuplicateIndex()
    copies = {}
    for item in sorted(found, key=lambda a: (a.published or "9999", a.id)):
        signature = index.signature(item.text)
        copies[item.external_id or item.path] = index.find_signature(signature)
        index.add_signature(item.id, signature)
    assert copies["demo-a02"] == by_external["demo-a01"].id
    assert [key for key, copy in copies.items() if copy] == ["demo-a02"]


def test_place_is_the_most_specific_one_the_others_are_compatible_with() -> None:
    from accord.reconcile.incident_place import best_place

    assert best_place([KENYA, TANA, HOLA, KENYA]) == HOLA
    # Two different towns do not support each other: the one more reports point to wins.
    assert best_place([WITU, HOLA, TANA, KENYA]) == HOLA
    other_country = Place(name="Hola", admin1="Somewhere", country="XX", feature="city")
    assert best_place([TANA, KENYA, other_country]) == TANA
    assert best_place([]) is None
