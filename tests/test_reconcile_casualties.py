"""The killed and injured totals count each person hit once: real reports, extracted and reconciled."""

from __future__ import annotations

from accord.extract import Extractor
from accord.models import Article, IncidentGroup, MentionRef
from accord.reconcile.figures import entries_by_key
from accord.reconcile.incidents import build_incident
from accord.reconcile.totals import reconcile_totals
from tests.test_reconcile import ARTICLES, claim


def _hit(extractor: Extractor, *reports: str | tuple[str, str]) -> tuple[int, int]:
    """(killed, injured) high totals of one incident told by ``reports`` (text, or (text, publication day))."""
    articles = [Article(id=f"a{i}", text=r if isinstance(r, str) else r[0],
                        published=r[1] if isinstance(r, tuple) else "2025-03-12") for i, r in enumerate(reports)]
    extractions = list(extractor.extract_many(articles))
    group = IncidentGroup(id="i1", members=[MentionRef(e.article, 0) for e in extractions])
    incident = build_incident(group, {a.id: a for a in articles}, {e.article: e for e in extractions})
    return tuple((t.high or 0) if (t := incident.totals.get(m)) is not None else 0  # type: ignore[return-value]
                 for m in ("killed", "injured"))


def test_the_dead_restated_is_not_also_injured(extractor: Extractor) -> None:
    # "he" in critical condition is the man reported dead, not a second victim
    text = "A man was shot and killed on Main Street. He was taken to the hospital in critical condition."
    assert _hit(extractor, text) == (1, 0)


def test_a_new_person_injured_beside_the_dead(extractor: Extractor) -> None:
    assert _hit(extractor, "A man was shot and killed on Main Street. A woman was wounded.") == (1, 1)
    assert _hit(extractor, "A man was shot and killed on Main Street. Another man was wounded.") == (1, 1)


def test_an_unnumbered_victim_in_a_report_of_one_death_is_that_death(extractor: Extractor) -> None:
    text = ("A 4-year-old boy died after an accidental shooting on Friday. Deputies were called for a report "
            "of a child who had shot himself and was suffering from a gunshot wound.")
    assert _hit(extractor, text) == (1, 0)


def test_an_ordinal_bounds_everybody_hit(extractor: Extractor) -> None:
    # "a fifth victim" is one person, and says five people were hit
    assert _hit(extractor, "Four people were shot on Main Street. A fifth victim was wounded later.") == (0, 5)


def test_the_shooter_who_kills_himself_adds_to_those_he_killed(extractor: Extractor) -> None:
    # "killed his wife and her son" names those he killed: he is a third death, not one of the two
    text = "A man shot and killed his wife and her son on Friday, then turned the gun on himself, police said."
    assert _hit(extractor, text)[0] == 3


def test_an_event_killing_counts_nobody_else(extractor: Extractor) -> None:
    # "the shooting killed two": no shooter did it in the sentence, so nothing is added
    assert _hit(extractor, "A shooting killed 2 people on Main Street on Friday.")[0] == 2


def test_a_victim_who_died_later_is_no_longer_injured(extractor: Extractor) -> None:
    first = ("Four people were shot on Main Street. One man was killed.", "2025-03-10")
    later = ("A second victim of the Main Street shooting died on Sunday.", "2025-03-12")
    assert _hit(extractor, first, later) == (2, 2)


def test_one_person_injured_then_dead_is_one_death(extractor: Extractor) -> None:
    first = ("A man was shot on Main Street on Friday and taken to a hospital.", "2025-03-10")
    later = ("The man shot on Main Street on Friday has died, police said.", "2025-03-12")
    assert _hit(extractor, first, later) == (1, 0)


def test_a_report_whose_count_dwarfs_the_others_is_left_out() -> None:
    # two reports of one death; a third counts a weekend's shootings into it
    claims = [claim("d1", 1), claim("d2", 1), claim("d2x", 9), claim("d2x", 14, measure="injured")]
    killed = reconcile_totals(entries_by_key(claims, ARTICLES, parts=False))["killed"]
    assert killed.high == 1 and killed.reports == 2


def test_one_also_killed_beside_the_one_dead_is_a_second_death(extractor: Extractor) -> None:
    text = ("A 46-year-old woman died Saturday, a week after she was wounded in a drive-by shooting. "
            "Gino Nicolas, 24, was also killed in the shooting.")
    assert _hit(extractor, text)[0] == 2
