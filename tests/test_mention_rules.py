"""Mention rules have stable ids in ordered lists, can be switched off by id, and are all documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from accord.extract import mentions  # noqa: F401  (registers the mention rules)
from accord.extract.rules import registered_rule_ids
from tests.split_helpers import claim, split_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "mentions.md"

ROUNDUP = (
    "A girl was wounded in a shooting on Elm Street on Tuesday night, police said.\n"
    "In a separate shooting, two men were wounded on Oak Avenue.\n"
)


def mention_rule_ids() -> list[str]:
    return [rule_id for rule_id in registered_rule_ids() if rule_id.startswith("mentions.")]


def test_every_mention_rule_has_a_unique_id_and_is_documented() -> None:
    ids = mention_rule_ids()
    assert len(ids) == len(set(ids)) and len(ids) >= 20
    text = DOCS.read_text(encoding="utf-8")
    assert [rule_id for rule_id in ids if f"`{rule_id}`" not in text] == []


def test_a_rule_switched_off_no_longer_decides() -> None:
    claims = [claim(ROUNDUP, "A girl", "injured", 1), claim(ROUNDUP, "two men", "injured", 2)]
    split = split_text(ROUNDUP, claims, published="2016-06-30")
    assert split.mention_at(claims[1].span[0]) != 0  # "In a separate shooting": another incident
    # without the rules that read the separation cue, the sentence is the main incident's
    off = frozenset({"mentions.separation_opening", "mentions.other_incident_cue"})
    split = split_text(ROUNDUP, claims, published="2016-06-30", disabled=off)
    assert split.mention_at(claims[1].span[0]) == 0


def test_a_pipeline_setting_extends_the_words_of_a_lexicon() -> None:
    # a fresh process: lexicons are read once per process, and this one's are read already
    script = (
        "from accord.extract.mentions import cues\n"
        "from accord.extract.nlp import load_pipeline\n"
        "nlp = load_pipeline(settings={'accord_mentions': {'lexicons': {'background_cues': "
        "{'separation': ['in an unconnected incident']}}}})\n"
        "assert cues().separation.search('In an unconnected incident, two men were shot.')\n"
        "assert nlp.config['components']['accord_mentions']['lexicons']['background_cues']\n"
        "print('extended')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "extended"


def test_the_split_says_which_rule_labelled_each_unit() -> None:
    claims = [claim(ROUNDUP, "A girl", "injured", 1), claim(ROUNDUP, "two men", "injured", 2)]
    split = split_text(ROUNDUP, claims, published="2016-06-30")
    assert split.unit_rules == ["mentions.lead", "mentions.separation_opening"]
    off = frozenset({"mentions.separation_opening"})
    split = split_text(ROUNDUP, claims, published="2016-06-30", disabled=off)
    assert split.unit_rules == ["mentions.lead", "mentions.other_incident_cue"]
