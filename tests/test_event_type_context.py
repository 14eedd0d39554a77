"""Event typing weighs the reporter's account of this incident over recalled incidents and quoted rhetoric."""

from __future__ import annotations

import json
from importlib import resources

from accord.extract import Extractor
from accord.extract.event_type import event_type_scores, is_retrospective
from accord.models import Article


def process(extractor: Extractor, text: str):
    return extractor.nlp(extractor.make_doc(Article(id="t", text=text, published="2025-10-22")))


def test_retrospective_openers() -> None:
    for sentence in ("Last week, gunmen seized a bus.", "In June 2024, 14 officers were killed.", "In 2019, a bomb",
                     "Two years ago, a man", "Earlier this month, militants", "In a separate attack, ..."):
        assert is_retrospective(sentence), sentence
    for sentence in ("On Saturday, a bomb went off.", "Police said the attackers fled.", "In Garissa, a blast"):
        assert not is_retrospective(sentence), sentence


def test_a_recalled_hijacking_does_not_type_the_report(extractor: Extractor) -> None:
    text = ("Militants attacked a police post near the border late on Monday, killing three officers, police said.\n\n"
            "The attackers fled into the forest after a two-hour gunfight, a police commander said.\n\n"
            "Last week, gunmen from the same group seized a bus on the coast road and held its passengers hostage "
            "until the army ended the siege.")
    assert process(extractor, text)._.event_type in {"armed_assault", "shooting"}


def test_quoted_rhetoric_does_not_type_the_report(extractor: Extractor) -> None:
    text = ("A police officer wounded in Monday's attack on a police post died on Tuesday, police said.\n\n"
            "The minister said: \u201cWe will not let a handful of criminals hold the whole coast hostage.\u201d\n\n"
            "The attackers have not been caught.")
    assert process(extractor, text)._.event_type == "armed_assault"


def test_demo_corpus_police_post_reports_are_armed_assaults(extractor: Extractor) -> None:
    lines = resources.files("accord").joinpath("demo_corpus", "articles.jsonl").read_text("utf-8").splitlines()
    articles = {d["id"]: d for d in map(json.loads, lines)}
    for article_id in ("demo-c01", "demo-c02"):
        doc = process(extractor, articles[article_id]["text"])
        assert doc._.event_type == "armed_assault", article_id
    # The bus siege stays a hijacking and the market blast a bombing.
    assert process(extractor, articles["demo-a01"]["text"])._.event_type == "hijacking"
    assert process(extractor, articles["demo-b01"]["text"])._.event_type == "bombing"


def test_a_team_of_attackers_is_an_armed_assault_a_gunman_a_shooting(extractor: Extractor) -> None:
    """Rule event_type.plural_attackers: "militants", "gunmen" written in the plural name a team of attackers."""
    team = event_type_scores(process(extractor, "Militants and gunmen arrived at the gate.").sents)
    one = event_type_scores(process(extractor, "A militant and a gunman arrived at the gate.").sents)
    assert team["armed_assault"] == 2.5 and team["shooting"] == 0
    assert one["armed_assault"] == 0 and one["shooting"] == 1.5
