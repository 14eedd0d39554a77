"""The public names of the package."""

from __future__ import annotations

import logging

import accord


def test_all_names_resolve() -> None:
    for name in accord.__all__:
        assert getattr(accord, name) is not None


def test_library_logs_nothing_by_default() -> None:
    handlers = logging.getLogger("accord").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


def test_extract_returns_plain_records(extractor) -> None:  # noqa: ANN001
    result = accord.extract("Police said two people were killed in the shooting on Tuesday.", published="2025-03-12")
    assert result.article
    assert all(not hasattr(c, "doc") for c in result.claims)
    killed = [c for c in result.claims if c.measure == "killed"]
    assert killed and killed[0].value.low == 2 and killed[0].source.kind in {"security", "official"}


def test_extract_is_the_package_and_calls_the_function() -> None:
    # `accord.extract` names the subpackage and the one-text function: both must work
    import accord.extract.figures as figures_package
    import accord.extract.mentions

    assert accord.extract.figures is figures_package
    assert accord.extract.mentions.split_article is not None
    assert callable(accord.extract)
    from accord.extract import extract

    assert accord.extract.extract is extract
