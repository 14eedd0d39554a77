"""accord outside POSIX: every module imports, and a whole run works, without ``fcntl`` and ``resource``.

Windows has neither; this machine cannot run Windows, so a fresh interpreter here is made to refuse
both imports (as Windows would) and then imports every accord module and runs the demo corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

WITHOUT_POSIX_MODULES = """
import importlib, json, pkgutil, sys, tempfile, warnings
from pathlib import Path
sys.modules["fcntl"] = None     # import fcntl now raises ImportError, as on Windows
sys.modules["resource"] = None
warnings.simplefilter("ignore")  # filelock says it falls back to its soft lock here

import accord
failed = {}
for module in pkgutil.walk_packages(accord.__path__, "accord."):
    try:
        importlib.import_module(module.name)
    except Exception as e:
        failed[module.name] = repr(e)

from accord.engines.memory import peak_rss_mb
from accord.pipeline import demo_corpus_path, run

folder = Path(tempfile.mkdtemp())
result = run([demo_corpus_path()], out=folder / "report", db=folder / "accord.db", keep_incidents=False)
result = run([demo_corpus_path()], out=folder / "report", db=folder / "accord.db", keep_incidents=False)
print(json.dumps({"failed": failed, "modules": sorted(sys.modules), "incidents": result.incident_count,
                  "articles": result.articles, "new": result.new_articles, "peak": peak_rss_mb(),
                  "report": sorted(p.name for p in (folder / "report").iterdir())}))
"""


@pytest.mark.slow
def test_every_module_imports_and_a_run_works_without_fcntl_and_resource() -> None:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", WITHOUT_POSIX_MODULES], capture_output=True, text=True, cwd=root,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["failed"] == {}
    assert "accord.serve.app" in found["modules"] and "accord.engines.local" in found["modules"]
    assert found["incidents"] > 0 and found["articles"] == 10 and found["new"] == 0  # the second run adds nothing
    assert "report.html" in found["report"]
    assert found["peak"] is None  # no resource module: the benchmark says it does not know
