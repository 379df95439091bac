"""The theme's title link goes inside a landmark, unchanged, and a changed theme is caught."""

from __future__ import annotations

import pytest

from connecting_people.sphinxext.theme_landmarks import logo_in_landmark, theme_logo_template


def test_the_title_link_is_wrapped_in_a_named_nav_and_nothing_else_changes():
    original = theme_logo_template().read_text(encoding="utf-8")
    wrapped = logo_in_landmark(original)
    assert wrapped == ('<nav class="cp-book-title" aria-label="Book title">\n'
                       + original + "</nav>\n")
    assert '<a class="navbar-brand logo"' in original


def test_a_theme_whose_template_no_longer_draws_the_title_link_stops_the_build():
    with pytest.raises(RuntimeError, match="theme changed"):
        logo_in_landmark("<div>a new logo</div>")
