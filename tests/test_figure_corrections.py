"""A figure a source calls wrong in the same breath ("N, not M"): M is denied, N stands.

Every sentence is invented for the phenomenon it tests."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article


@pytest.mark.parametrize(
    ("text", "stands", "denied"),
    [
        ("The gunmen are holding 26 hostages, not 40 as reported earlier, the governor said.", 26, 40),
        ("The ministry said nine soldiers were killed, not 14.", 9, 14),
        ("Troops rescued 45 passengers, not 60, the rail company said.", 45, 60),
    ],
)
def test_corrected_figure_is_denied(extractor: Extractor, text: str, stands: int, denied: int) -> None:
    claims = extractor.extract_article(Article(id="n1", text=text, published="2025-03-12")).claims
    modality = {c.value.low: c.modality for c in claims}
    assert modality.get(stands) == "reported", modality
    assert modality.get(denied) == "denied", modality


def test_not_without_a_count_changes_nothing(extractor: Extractor) -> None:
    text = "Police said the 12 passengers were not hurt, and 15 others were killed."
    claims = extractor.extract_article(Article(id="n2", text=text, published="2025-03-12")).claims
    assert all(c.modality != "denied" for c in claims), [(c.value.low, c.modality) for c in claims]
