"""An organisation with a ``shortauthor`` is cited by it; the bibliography keeps its full name.

Builds a tiny project with sphinxcontrib-bibtex and the book's
``author_year_short`` style (connecting_people.sphinxext.citations), a
second or two, with warnings as errors as the book is built.
"""

from __future__ import annotations

import re

import pytest

from connecting_people.paths import BOOK_DIR
from tests.build.tiny_project import build_strict

BIB = """@misc{ico2023,
  author = {{Information Commissioner's Office}},
  shortauthor = {ICO},
  title = {Data protection impact assessments},
  year = {2023},
}

@article{webber2019,
  author = {Webber, Martin and Morris, David},
  title = {A pilot},
  journal = {A journal},
  year = {2019},
}
"""
INDEX = """Citations
=========

Ask first :cite:p:`ico2023`. As :cite:t:`ico2023` says, and :cite:ts:`ico2023` in full.
People matter :cite:p:`webber2019`.

.. bibliography::
"""


@pytest.fixture(scope="module")
def text(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("citations")
    result = build_strict(
        root, ["sphinxcontrib.bibtex", "connecting_people.sphinxext.citations"], INDEX,
        conf="bibtex_bibfiles = ['refs.bib']\nbibtex_reference_style = 'author_year_short'\n",
        files={"refs.bib": BIB})
    assert result.returncode == 0, result.stderr
    html = (root / "out" / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("\u2019", "'")


@pytest.mark.parametrize("expected", [
    "Ask first [ICO, 2023].",  # an organisation by its short name, in brackets
    "As ICO [2023] says",  # and in the text
    "Information Commissioner's Office [2023] in full",  # the starred role keeps the full name
    "Information Commissioner's Office. Data protection impact assessments",  # so does the list
    "People matter [Webber and Morris, 2019].",  # people are cited as before
])
def test_citations_read(text, expected):
    assert expected in text


def test_the_book_uses_the_short_style():
    config = (BOOK_DIR / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*bibtex_reference_style: author_year_short$", config, re.MULTILINE)


def test_long_organisation_names_in_the_book_have_a_short_one():
    # An organisation's name is one braced author; over 30 letters it needs a short form.
    bib = (BOOK_DIR / "references.bib").read_text(encoding="utf-8")
    for entry in re.split(r"\n(?=@)", bib):
        author = re.search(r"^\s*author = \{\{(.*)\}\},$", entry, re.MULTILINE)
        if author and len(author.group(1)) > 30:
            assert "shortauthor = {" in entry, entry.splitlines()[0]
