"""Repository rules that keep diffs readable and the build honest."""

from __future__ import annotations

import json
import subprocess
import sys

from connecting_people.paths import REPO_ROOT


def tracked_files(pattern: str) -> list[str]:
    result = subprocess.run(
        ["git", "ls-files", pattern], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in result.stdout.splitlines() if line]


def notebooks_with_outputs(paths: list[str]) -> list[str]:
    offenders = []
    for path in paths:
        notebook = json.loads((REPO_ROOT / path).read_text(encoding="utf-8"))
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") == "code" and (
                cell.get("outputs") or cell.get("execution_count")
            ):
                offenders.append(path)
                break
    return offenders


def test_committed_notebooks_hold_no_outputs():
    notebooks = tracked_files("*.ipynb") or [
        str(p.relative_to(REPO_ROOT))
        for p in REPO_ROOT.glob("[bd]*/**/*.ipynb")
        if "_build" not in p.parts
    ]
    assert notebooks, "expected notebooks in book/ and dashboards/"
    offenders = notebooks_with_outputs(notebooks)
    assert not offenders, f"strip outputs before committing: {offenders}"


def test_output_check_catches_a_notebook_with_outputs(tmp_path, monkeypatch):
    stale = tmp_path / "stale.ipynb"
    stale.write_text(json.dumps({"cells": [{"cell_type": "code", "outputs": [{"x": 1}]}]}))
    monkeypatch.setattr(sys.modules[__name__], "REPO_ROOT", tmp_path)
    assert notebooks_with_outputs(["stale.ipynb"]) == ["stale.ipynb"]


def test_ruff_is_clean():
    # The whole repository, notebooks and book included, exactly as a developer runs it.
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_front_end_packages_are_pinned_with_a_lock_file():
    package = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name} must be pinned to an exact version, not {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_ci_runs_the_readmes_test_command_word_for_word():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = [block.split("```")[0].strip() for block in readme.split("```bash\n")[1:]]
    test_command = next(block for block in blocks if "pytest" in block)
    assert "\n" not in test_command, "the README's test command must be one line"
    assert test_command in ci.splitlines()


def test_no_test_tier_is_hidden_from_collection():
    # pytest's norecursedirs matches folder names anywhere: a pattern such as
    # "build" once silently skipped the whole tests/build tier.
    import fnmatch
    import tomllib

    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["pytest"]["ini_options"]["norecursedirs"]
    tiers = [path.name for path in (REPO_ROOT / "tests").iterdir() if path.is_dir()
             and not path.name.startswith(("_", "."))]
    hidden = [tier for tier in tiers if any(fnmatch.fnmatch(tier, p) for p in patterns)]
    assert not hidden, f"norecursedirs hides test folders: {hidden}"
