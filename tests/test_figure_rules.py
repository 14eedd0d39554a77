"""Named figure rules: every claim says which rule produced it, rules run in one listed order, and a
rule switched off by id changes what is extracted as expected."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.extract import EXTRACTOR_VERSION, Extractor
from accord.extract.figures import find_figures
from accord.extract.figures.rules import FIGURE_RULES, PREDICATE_RULES, SENTENCE_RULES, active_rules
from accord.extract.nlp import load_pipeline
from accord.extract.rules import Rule, RuleSet, registered_rule_ids
from accord.models import Article, Claim
from accord.pipeline import Pipeline

TEXT = ("Gunmen stormed a market on Tuesday. The death toll has risen to 27, officials said. "
        "A man was arrested near the scene.")
SHOT = "Three people were shot, one of them fatally."


def claims_of(extractor: Extractor, text: str, disabled: tuple[str, ...] = ()) -> list[Claim]:
    doc = extractor.nlp(text)
    return find_figures(doc, active_rules(disabled))[0]


def readings(claims: list[Claim]) -> set[tuple[str, str, int | None, str]]:
    return {(c.measure, c.group, c.value.low, c.rule) for c in claims}


def test_every_claim_names_a_registered_rule(extractor: Extractor) -> None:
    claims = claims_of(extractor, TEXT) + claims_of(extractor, SHOT)
    assert readings(claims) == {
        ("killed", "all", 27, "figures.toll_noun"),
        ("arrested", "attackers", 1, "figures.passive_casualty"),
        ("injured", "all", 2, "figures.verb_chain"),
        ("killed", "all", 1, "figures.partitive_fatally"),
    }
    ids = set(FIGURE_RULES.ids)
    assert all(c.rule in ids and set(c.rules_changed) <= ids for c in claims)
    arrested = next(c for c in claims if c.measure == "arrested")
    assert arrested.rules_changed == ("figures.arrested_suspect",)  # "a man" (all) held as the suspect
    injured = next(c for c in claims if c.measure == "injured")
    assert injured.rules_changed == ("figures.shot_outcome",)  # three shot, one of them killed: two hurt
    # without the rule, a "shot" with no outcome of its own counts nobody
    assert readings(claims_of(extractor, SHOT, ("figures.shot_outcome",))) == \
        {("killed", "all", 1, "figures.partitive_fatally")}


def test_switching_a_finder_off_drops_its_claims_only(extractor: Extractor) -> None:
    everything = readings(claims_of(extractor, TEXT))
    without_toll = readings(claims_of(extractor, TEXT, ("figures.toll_noun",)))
    assert everything - without_toll == {("killed", "all", 27, "figures.toll_noun")}
    assert without_toll < everything


def test_switching_a_changer_off_leaves_the_reading_as_found(extractor: Extractor) -> None:
    claims = claims_of(extractor, TEXT, ("figures.arrested_suspect",))
    arrested = next(c for c in claims if c.measure == "arrested")
    assert (arrested.group, arrested.rules_changed) == ("all", ())


def test_switching_a_predicate_rule_off_lets_the_next_one_decide(extractor: Extractor) -> None:
    text = "Two people were killed in the attack."
    assert readings(claims_of(extractor, text)) == {("killed", "all", 2, "figures.passive_casualty")}
    # without it, the coordinated-verb reading after it still reads "were killed"
    assert readings(claims_of(extractor, text, ("figures.passive_casualty",))) == \
        {("killed", "all", 2, "figures.verb_chain")}
    assert readings(claims_of(extractor, text, ("figures.passive_casualty", "figures.verb_chain"))) == set()


def test_component_config_switches_rules_off() -> None:
    nlp = load_pipeline()
    nlp.replace_pipe("accord_figures", "accord_figures", config={"disabled_rules": ["figures.toll_noun"]})
    assert nlp.get_pipe_config("accord_figures")["disabled_rules"] == ["figures.toll_noun"]
    found = Extractor(nlp=nlp).extract_article(Article(id="r1", text=TEXT))
    assert not any(c.rule == "figures.toll_noun" for c in found.claims)
    assert any(c.rule == "figures.passive_casualty" for c in found.claims)


def test_an_unknown_rule_id_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"no rule figures\.toll_nouns .*figures\.toll_noun"):
        active_rules(["figures.toll_nouns"])
    with pytest.raises(ConfigError):
        active_rules(["mentions.anything"])  # another component's rules are not the figures' to switch


def test_rule_ids_are_unique_stable_names_in_one_registry() -> None:
    ids = FIGURE_RULES.ids
    assert len(ids) == len(set(ids)) and all(i.startswith("figures.") and i == i.lower() for i in ids)
    assert set(ids) <= set(registered_rule_ids())
    assert [r.id for r in SENTENCE_RULES][:3] == ["figures.title_line", "figures.run_on_title", "figures.counted_people"]
    assert PREDICATE_RULES[0].id == "figures.conjoined_verb_after"
    assert all(rule.summary for rule in FIGURE_RULES), "every rule says in its docstring what it reads"
    with pytest.raises(ValueError, match="unique"):
        RuleSet("demo", [Rule("demo.a", len), Rule("demo.a", len)], register=False)
    with pytest.raises(ValueError, match="start with"):
        RuleSet("demo", [Rule("other.a", len)], register=False)


def test_the_store_extracts_again_what_an_older_version_extracted(tmp_path: Path, extractor: Extractor) -> None:
    source = tmp_path / "in.txt"
    source.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "accord.db"
    with Pipeline(db, extractor=extractor) as pipeline:
        pipeline.run([source], out=None)
    with sqlite3.connect(db) as conn:  # as an older accord left it: another version, claims without rules
        conn.execute("UPDATE extractions SET extractor = 'accord.extract.v1', "
                     "data = replace(data, '\"rule\":\"figures.', '\"rule\":\"old.')")
        conn.execute("DELETE FROM claims")
    with Pipeline(db, extractor=extractor) as pipeline:
        result = pipeline.run([source], out=None)
        assert pipeline.store.stale_article_ids(EXTRACTOR_VERSION) == []
        (extraction,) = pipeline.store.extractions()
    assert result.new_articles == 0 and result.duplicates == 1
    assert extraction.extractor == EXTRACTOR_VERSION
    assert {c.rule for c in extraction.claims} >= {"figures.toll_noun", "figures.passive_casualty"}
    claims = [c for incident in result.incidents for f in incident.figures for c in f.claims]
    assert claims and all(c.rule.startswith("figures.") for c in claims)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == len(extraction.claims) + \
            len(extraction.statistics)


@pytest.mark.parametrize(("name", "anchor", "text", "words"), [
    ("toll_noun", 1, "The death toll has risen to 27.", ["risen", "toll"]),
    ("multiple_event", 0, "Police are investigating a double-homicide.", ["double", "-", "homicide"]),
    ("multiple_event", 0, "It was a quadruple shooting.", ["quadruple", "shooting"]),
    ("murder_suicide", -1, "Police called it a murder-suicide.", ["murder", "-", "suicide"]),
])
def test_lexicon_patterns_run_by_spacy(extractor: Extractor, name: str, anchor: int, text: str,
                                       words: list[str]) -> None:
    from accord.extract.figures.patterns import matches_in

    doc = extractor.nlp(text)
    assert [[t.text for t in match] for match in matches_in(list(doc), name, anchor)] == [words]
