"""Lexicons as data: trigger words, group nouns, hedges, attribution verbs, event types, aliases.

Each lexicon is a JSON file in this folder. A user extends one by setting
``ACCORD_LEXICONS`` to a folder holding a file of the same name: its entries
are merged over the shipped ones (lists are extended, mappings updated).
A pipeline extends them the same way from its components' ``lexicons``
setting (``nlp.add_pipe("accord_mentions", config={"lexicons": {"background_cues":
{"separation": ["in an unconnected incident"]}}})``), merged last, for the whole
process: see :func:`extend_lexicons`.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from accord.errors import ConfigError

#: Entries merged over each lexicon by components' ``lexicons`` settings (see extend_lexicons).
_EXTENSIONS: dict[str, Any] = {}
#: The lexicons read so far in this process: their compiled forms are cached, so they are read once.
_READ: set[str] = set()


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


@cache
def load_lexicon(name: str) -> Any:
    """The lexicon ``name`` (file ``name.json``), with any user extension merged in."""
    data = json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
    user_dir = os.environ.get("ACCORD_LEXICONS")
    if user_dir and (Path(user_dir) / f"{name}.json").is_file():
        data = _merge(data, json.loads((Path(user_dir) / f"{name}.json").read_text(encoding="utf-8")))
    if name in _EXTENSIONS:
        data = _merge(data, _EXTENSIONS[name])
    _READ.add(name)
    return data


def lexicon_names() -> list[str]:
    """The shipped lexicons' names."""
    return sorted(item.name.removesuffix(".json") for item in resources.files(__package__).iterdir()
                  if item.name.endswith(".json"))


def extend_lexicons(extensions: dict[str, Any]) -> None:
    """Merge ``extensions`` (lexicon name -> entries, as in an ``ACCORD_LEXICONS`` file) over the lexicons,
    for this process: a component's ``lexicons`` setting.

    Lexicons are read once and compiled into patterns, so an extension must come before its lexicon is
    first read (a pipeline is made before it extracts); giving the same extension again changes nothing.
    Refused with a clear message: an unknown lexicon, or a different extension of one already read.
    """
    known = lexicon_names()
    for name, entries in extensions.items():
        if name not in known:
            raise ConfigError(f"lexicons: no lexicon {name!r} (the lexicons are: {', '.join(known)})")
        merged = _merge(_EXTENSIONS.get(name, {}), entries)
        if merged == _EXTENSIONS.get(name, {}):
            continue
        if name in _READ:
            raise ConfigError(f"lexicons: {name!r} has already been read in this process; extend it before the "
                              "first extraction (or with ACCORD_LEXICONS)")
        _EXTENSIONS[name] = merged
