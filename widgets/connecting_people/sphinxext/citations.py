"""Short author labels for organisations in the book's author-year citations.

An organisation as author makes a long citation: "(NHS England and NHS
Improvement and National Collaborating Centre for Mental Health, 2019)" in
the middle of a sentence. BibLaTeX's answer is a ``shortauthor`` field, and
this module gives sphinxcontrib-bibtex the same: the reference style
``author_year_short`` is its ``author_year`` style, except that an entry with
``shortauthor = {ICO}`` is cited as "ICO, 2023". The bibliography itself
still prints the full name, so a reader can see who "ICO" is. The starred
roles (``{cite:ts}``), which ask for the full author list, keep it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.richtext import Text
from pybtex.style.template import node
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import author_or_editor_or_title

STYLE_NAME = "author_year_short"
SHORT_FIELD = "shortauthor"


@node
def short_author_or_names(children, data, full: bool = False, **kwargs):
    """The entry's ``shortauthor`` when it has one, else its authors as usual."""
    assert not children
    short = data["entry"].fields.get(SHORT_FIELD)
    if short and not full:
        return Text(short)
    return author_or_editor_or_title(**kwargs).format_data(data)


@dataclass
class ShortAuthorPersonStyle(PersonStyle):
    def author_or_editor_or_title(self, full: bool):
        return short_author_or_names(
            full=full, sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
            other=None if full else self.other,
        )


@dataclass
class ShortAuthorYearReferenceStyle(AuthorYearReferenceStyle):
    person: PersonStyle = field(default_factory=ShortAuthorPersonStyle)


def setup(app: Sphinx) -> None:
    # Registered when the extension loads, before sphinxcontrib-bibtex looks
    # the configured style up.
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME,
                    ShortAuthorYearReferenceStyle, force=True)
