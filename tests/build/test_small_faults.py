"""Issue 15's smaller faults stay fixed: one Further reading page, no code or internal ids shown."""

from __future__ import annotations

import json
import re

import yaml

from connecting_people.paths import BOOK_DIR
from tests.build.test_fidelity_directive import LINKED, build


def _toc_files() -> list[str]:
    toc = yaml.safe_load((BOOK_DIR / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


def _title(page: str) -> str:
    text = (BOOK_DIR / f"{page}.md").read_text(encoding="utf-8")
    return re.search(r"^# (.+)$", text, re.MULTILINE).group(1)


def test_the_sidebar_has_one_further_reading_page():
    titled = [page for page in _toc_files()
              if (BOOK_DIR / f"{page}.md").is_file() and _title(page) == "Further reading"]
    assert titled == ["about/further_reading"]


def test_the_study_in_numbers_page_hides_its_code():
    notebook = json.loads((BOOK_DIR / "about/study_in_numbers.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all("remove-input" in cell["metadata"].get("tags", []) for cell in code)


def test_the_checklist_page_shows_no_internal_ids(tmp_path):
    result = build(tmp_path, LINKED)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Item id" not in page
    assert "team.directory" not in re.sub(r'(id|href)="[^"]*"', "", page)
