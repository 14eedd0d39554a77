"""Totals: everybody of one measure across groups, stated by a report or summed from its groups."""

from __future__ import annotations

import dataclasses

from accord.models import Claim
from accord.reconcile.figures import entries_by_key
from accord.reconcile.totals import reconcile_totals
from tests.test_reconcile import ARTICLES, PERPETRATOR, claim


def totals(claims: list[Claim], perpetrators: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return reconcile_totals(entries_by_key(claims, ARTICLES, perpetrators=perpetrators, parts=False))


def test_a_stated_toll_is_the_total() -> None:
    # "29 people were killed, including 10 militants"
    found = totals([claim("d2", 29), dataclasses.replace(claim("d2", 10, group="attackers"), scope="subset")])
    killed = found["killed"]
    assert (killed.conservative, killed.consensus, killed.high) == (29, 29, 29)
    assert killed.derivation == "stated" and killed.groups == [] and killed.reports == 1


def test_a_breakdown_alone_is_summed() -> None:
    # "10 policemen were martyred and three attackers killed"
    found = totals([claim("d2", 10, group="security"), claim("d2", 3, group="attackers")])
    killed = found["killed"]
    assert (killed.conservative, killed.consensus, killed.high) == (13, 13, 13)
    assert killed.derivation == "summed" and killed.groups == ["security", "attackers"]
    assert "added up" in killed.explanation


def test_groups_that_add_up_to_more_than_the_stated_count_win() -> None:
    # "two people were shot dead" and, by the police, "the gunman was killed": three dead in all
    found = totals([claim("d2", 2), claim("d2", 2, group="civilians"), claim("d2", 1, group="attackers")])
    assert found["killed"].consensus == 3 and found["killed"].derivation == "summed"


def test_subsets_never_add_up() -> None:
    # "Ten people, including four Chinese nationals and two soldiers": the parts are in the ten
    parts = [dataclasses.replace(claim("d2", 4, group="civilians"), scope="subset"),
             dataclasses.replace(claim("d2", 2, group="security"), scope="subset")]
    assert totals([claim("d2", 10), *parts])["killed"].consensus == 10
    assert "killed" not in totals(parts)


def test_reports_are_reconciled_like_claims() -> None:
    # the first night's 12 (stated), the next day's 20 policemen + 7 attackers (summed): an update
    found = totals([claim("d1", 12, None, "at_least"), claim("d2", 20, group="security"),
                    claim("d2", 7, group="attackers")])
    killed = found["killed"]
    assert (killed.conservative, killed.consensus, killed.high) == (27, 27, 27)
    assert killed.derivation == "summed" and killed.reports == 2
    assert "overtaken" in killed.explanation
    # two reports of the same day that differ: both stand, each one voice
    found = totals([claim("d2", 12), claim("d2x", 15, group="civilians"), claim("d2x", 2, group="attackers")])
    killed = found["killed"]
    assert (killed.conservative, killed.high) == (12, 17) and killed.derivation == "stated and summed"


def test_a_wire_copy_is_one_report_with_its_original() -> None:
    found = totals([claim("d1", 12), claim("d1b", 12)])
    assert found["killed"].reports == 1


def test_the_perpetrators_count_only_when_nobody_else_counts() -> None:
    theirs = claim("d2", 40, source="the group", kind="perpetrator", group="security")
    found = totals([claim("d2x", 6, source="police", kind="security", group="security"), theirs],
                   perpetrators=(PERPETRATOR,))
    assert found["killed"].consensus == 6
    assert totals([theirs], perpetrators=(PERPETRATOR,))["killed"].consensus == 40


def test_threats_and_denials_make_no_total() -> None:
    assert totals([claim("d2", 50, modality="threatened", group="hostages", measure="held")]) == {}


def test_every_measure_gets_its_own_total_in_order() -> None:
    found = totals([claim("d2", 3, measure="injured"), claim("d2", 5), claim("d2", 30, measure="held",
                                                                               group="hostages")])
    assert list(found) == ["killed", "injured", "held"]


def test_a_report_counting_one_group_says_nothing_of_everybody_where_others_state_it() -> None:
    # one report: "31 attackers were killed"; another: "323 people were killed"
    found = totals([claim("d2", 31, group="attackers"), claim("d2x", 323)])
    assert (found["killed"].conservative, found["killed"].high) == (323, 323)
    assert found["killed"].reports == 1
    # where nobody states it, the group counts are all there is
    assert totals([claim("d2", 31, group="attackers")])["killed"].consensus == 31


def test_a_lone_attacker_is_added_to_a_count_of_everybody() -> None:
    # "he killed two people" and "the gunman then killed himself": the gunman is not one of the two
    # (rule reconcile.scope.lone_attacker) ...
    two = [dataclasses.replace(claim("d2", 2, group=group), text="two people") for group in ("all", "civilians")]
    gunman = dataclasses.replace(claim("d2", 1, group="attackers"), text="the gunman")
    assert totals([*two, gunman])["killed"].high == 3
    # ... but he is one of a count of the attackers
    three = dataclasses.replace(claim("d2", 3, group="attackers"), text="three gunmen")
    assert totals([three, gunman])["killed"].high == 3
