"""Easy read rows follow the conventions: a picture beside every sentence, one sentence each.

Pure: the parser and the picture vocabulary, no Sphinx. The OpenMoji files are
checked where npm installed them, because the build copies them from there.
"""

from __future__ import annotations

import pytest

from connecting_people.easy_read import PICTURES, EasyReadError, openmoji_dir, parse_rows


def test_a_picture_then_a_sentence_makes_a_row():
    rows = parse_rows(["% house", "I live in my own home.", "", "% phone", "Call 999."])
    assert [(row.picture.name, row.sentence) for row in rows] == [
        ("house", "I live in my own home."), ("phone", "Call 999.")]
    assert rows[0].picture.filename == "1F3E0.svg"


BAD_ROWS = {
    "a sentence with no picture": (["I live here."], "needs a picture"),
    "a picture with no sentence": (["% house"], "has no sentence"),
    "two pictures in a row": (["% house", "% phone", "Call 999."], "has no sentence"),
    "an unknown picture": (["% unicorn", "Hello."], "no picture called 'unicorn'"),
    "two sentences beside one picture": (["% house", "I live here. It is home."],
                                         "one whole sentence"),
    "no full stop": (["% house", "I live here"], "one whole sentence"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_rows_that_break_the_conventions_are_refused(case):
    lines, expected = BAD_ROWS[case]
    with pytest.raises(EasyReadError) as caught:
        parse_rows(lines)
    assert expected in str(caught.value)


def test_every_picture_has_plain_alt_text():
    for picture in PICTURES.values():
        assert picture.alt[0].isupper() and 1 <= len(picture.alt.split()) <= 8, picture.name



def test_a_missing_package_says_how_to_install_it(tmp_path):
    with pytest.raises(EasyReadError) as caught:
        openmoji_dir(tmp_path)
    assert "npm ci" in str(caught.value)
