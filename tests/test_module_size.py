"""The charter's size limit: no module of src/accord over 800 lines (issue #18).

A module that grows past it holds more than one job; split it by concern (as extract/figures/ and
extract/mentions/ are) rather than raising the limit.
"""

from __future__ import annotations

from pathlib import Path

import accord

SOURCE = Path(accord.__file__).parent

MAX_MODULE_LINES = 800


def test_no_module_over_800_lines() -> None:
    long = {str(path.relative_to(SOURCE)): lines for path in sorted(SOURCE.rglob("*.py"))
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, long
