"""Lexicons as data: trigger words, group nouns, hedges, attribution verbs, event types, aliases.

Each lexicon is a JSON file in this folder. A user extends one by setting
``ACCORD_LEXICONS`` to a folder holding a file of the same name: its entries
are merged over the shipped ones (lists are extended, mappings updated).
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


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
    return data
