"""No sentence about the studies claims more than they showed.

The pilot compared people who happened to get high- or low-fidelity support;
the implementation study found no differences. Neither shows that Connecting
People caused a change. This test flags causal verbs ("made a difference",
"caused", "led to", "resulted in") in any sentence that is about a study: one
that cites a source or talks about a study, the pilot, a trial, research,
evidence or findings.

A sentence that uses such a verb carefully ("it does not prove that the
support caused them") is marked as reviewed by a MyST comment line directly
above it:

    % reviewed: causal
    It does not prove that the support caused them.

A MyST comment is not shown to readers. In a notebook, put the comment in the
markdown cell, on the line above the sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecting_people.paths import BOOK_DIR
from tests.build.prose import Statement, all_book_sources, statements, statements_of_text

CAUSAL = re.compile(r"\b(?:made|makes|make|making) (?:a|the|all the) difference\b|"
                    r"\bcaus(?:ed|es|ing)\b|\b(?:led|leads) to\b|\bresulted in\b", re.IGNORECASE)
ABOUT_A_STUDY = re.compile(r"\{cite:[pt]\}|\b(?:study|studies|pilot|trial|research|researchers|"
                           r"evidence|findings?|found|evaluation)\b", re.IGNORECASE)


def _relative(path: Path) -> str:
    return path.relative_to(BOOK_DIR).as_posix()


def unreviewed_claims(found: list[Statement]) -> list[str]:
    return [
        f"{statement.place()}: {CAUSAL.search(statement.text).group(0)!r} in a sentence about "
        f"a study: {statement.text!r}. The studies show what went together, not what caused "
        "what; reword it, or if the wording is careful, put '% reviewed: causal' on the line above."
        for statement in found
        if not statement.reviewed and CAUSAL.search(statement.text)
        and ABOUT_A_STUDY.search(statement.raw)
    ]


@pytest.mark.parametrize("path", all_book_sources(), ids=_relative)
def test_no_unreviewed_causal_claims_about_the_studies(path: Path):
    problems = unreviewed_claims(statements(path))
    assert not problems, "\n".join(problems)


def test_a_causal_claim_about_the_pilot_is_flagged():
    found = statements_of_text("In the pilot study, fidelity made a difference.\n")
    assert len(unreviewed_claims(found)) == 1


def test_a_reviewed_sentence_passes():
    text = "% reviewed: causal\nIt does not prove that the study caused them.\n"
    found = statements_of_text(text)
    assert unreviewed_claims(found) == []


def test_the_mark_covers_only_the_next_line():
    text = "% reviewed: causal\nThe study was careful.\n\nThe pilot caused it.\n"
    assert len(unreviewed_claims(statements_of_text(text))) == 1


def test_causal_words_outside_study_sentences_pass():
    found = statements_of_text("A worker who went along made a difference to Sam.\n")
    assert unreviewed_claims(found) == []
