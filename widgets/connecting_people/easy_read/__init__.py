"""Easy read pages: one sentence, one picture, large type.

Easy read guidance asks for one idea in each sentence, short everyday words, a
picture beside each sentence (picture on the left, words on the right) and
large type (Department of Health 2010). The pictures here are OpenMoji, an
openly licensed emoji set (CC BY-SA 4.0), installed from npm at a pinned
version and copied into the build, never drawn by hand or committed.

This module is pure: the vocabulary of pictures and the parser for a page's
rows. The Sphinx directive in ``connecting_people.sphinxext.easy_read`` is a
thin view over it.
"""

from __future__ import annotations

from connecting_people.easy_read.pictures import (
    PICTURES,
    EasyReadError,
    Picture,
    Row,
    openmoji_dir,
    openmoji_version,
    parse_rows,
)

__all__ = [
    "PICTURES",
    "EasyReadError",
    "Picture",
    "Row",
    "openmoji_dir",
    "openmoji_version",
    "parse_rows",
]
