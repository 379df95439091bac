"""Put the theme's title link inside a landmark, so every part of a page is in one.

The sidebar of every page starts with the book's title, a link home, that the
theme leaves outside any landmark: axe reports it on every page ("region":
all page content should be contained by landmarks), and a screen reader that
moves from landmark to landmark never reaches it. A copy of the theme's own
``components/navbar-logo.html``, made from the installed theme at each build,
is wrapped in a ``<nav>`` named "Book title" and put first on the template
path, beside ``theme_weight``'s copy; the link itself is unchanged.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from connecting_people.sphinxext.theme_weight import book_templates

LOGO = "navbar-logo.html"
LANDMARK_OPEN = '<nav class="cp-book-title" aria-label="Book title">\n'
LANDMARK_CLOSE = "</nav>\n"


def theme_logo_template() -> Path:
    import pydata_sphinx_theme

    return (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
            / "components" / LOGO)


def logo_in_landmark(text: str) -> str:
    if "navbar-brand" not in text:
        raise RuntimeError(
            f"The theme's {LOGO} no longer draws the title link (navbar-brand): the theme "
            "changed, so connecting_people/sphinxext/theme_landmarks.py needs a look.")
    return LANDMARK_OPEN + text + LANDMARK_CLOSE


def _on_config_inited(app: Sphinx, config) -> None:
    (book_templates(app, config) / LOGO).write_text(
        logo_in_landmark(theme_logo_template().read_text("utf-8")), "utf-8")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _on_config_inited)
