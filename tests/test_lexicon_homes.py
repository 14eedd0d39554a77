"""Every word has one home: a lexicon key nothing reads fails, and so does a word set in code that a
lexicon already holds (or, in the figures package, any word set in code at all)."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import accord

PACKAGE = Path(accord.__file__).parent
LEXICON_FILES = sorted([*(PACKAGE / "lexicons").glob("*.json"), *(PACKAGE / "extract" / "data").glob("*.json")])
#: Keys that describe a lexicon rather than hold its words.
METADATA = {"version"}
#: Lexicons read whole (every key is a name the code looks up, never a key it names).
READ_WHOLE = {"aliases.json"}
#: Packages whose words all live in lexicons: no word set at module level.
WORDS_IN_LEXICONS_ONLY = [PACKAGE / "extract" / "figures"]
#: Module-level string sets that hold no English words: exports, spaCy's dependency labels.
NOT_WORDS = {"__all__", "_OBJECT_ROLES"}


def _sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))


def _lexicon_lists() -> dict[str, frozenset[str]]:
    """Every list of words in the lexicons (and every word-to-value mapping's words), by where it is."""
    found: dict[str, frozenset[str]] = {}

    def walk(name: str, value: object) -> None:
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            found[name] = frozenset(v.lower() for v in value)
        elif isinstance(value, dict):
            keys = [k for k in value if not k.startswith("_")]
            if keys and all(isinstance(value[k], str | int | float) for k in keys):
                found[f"{name} (keys)"] = frozenset(k.lower() for k in keys)
            for key in keys:
                walk(f"{name}.{key}", value[key])

    for path in LEXICON_FILES:
        walk(path.stem, json.loads(path.read_text(encoding="utf-8")))
    return found


def _code_word_sets(root: Path) -> Iterator[tuple[str, frozenset[str]]]:
    """(module:line, words) of every module-level set, tuple, list or dict literal of two or more strings."""
    for path in sorted(root.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in NOT_WORDS for t in targets):
                continue
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("set", "frozenset", "tuple") and value.args:
                value = value.args[0]
            elements = value.keys if isinstance(value, ast.Dict) else \
                value.elts if isinstance(value, ast.Set | ast.Tuple | ast.List) else []
            words = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) >= 2 and len(words) == len(elements):
                yield f"{path.relative_to(root)}:{node.lineno}", frozenset(w.lower() for w in words)


def test_every_lexicon_key_is_read() -> None:
    sources = _sources()
    unread = [
        f"{path.name}: {key}"
        for path in LEXICON_FILES if path.name not in READ_WHOLE
        for key in json.loads(path.read_text(encoding="utf-8"))
        if not key.startswith("_") and key not in METADATA and f'"{key}"' not in sources and f"'{key}'" not in sources
    ]
    assert not unread, f"lexicon keys nothing reads (remove them or read them): {unread}"


def test_no_word_set_in_code_repeats_a_lexicon_list() -> None:
    lists = _lexicon_lists()
    repeated = [f"{where} = {home}" for where, words in _code_word_sets(PACKAGE)
                for home, held in lists.items() if words == held]
    assert not repeated, f"word sets defined in code that a lexicon already holds (read the lexicon): {repeated}"


def test_the_figures_words_live_in_lexicons() -> None:
    in_code = [where for root in WORDS_IN_LEXICONS_ONLY for where, words in _code_word_sets(root)
               if not all("." in w for w in words)]  # rule ids are no words
    assert not in_code, f"word sets in code (move them to a lexicon, e.g. figure_triggers.json): {in_code}"


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('FATAL = ("fatally", "dead", "death", "mortally", "deadly")\nX = 1\n', encoding="utf-8")
    found = dict(_code_word_sets(tmp_path))
    lists = _lexicon_lists()
    assert list(found.values()) == [frozenset({"fatally", "dead", "death", "mortally", "deadly"})]
    assert lists["figure_triggers.fatal"] == next(iter(found.values()))
