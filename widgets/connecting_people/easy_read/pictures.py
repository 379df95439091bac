"""The easy read pictures (OpenMoji, by code point) and the rows a page is made of.

Each picture has a short name a writer uses, the OpenMoji file it comes from,
and alt text in plain words. Only concrete pictures are listed: a house, a
phone, a calendar, people talking. Easy read guidance warns that abstract
symbols do not help.

A page's rows are written one to a pair of lines:

    % house
    I live in my own home.

The ``%`` line names the picture (MyST reads it as a comment, so the prose
checks see only the sentence); the next line is the one sentence beside it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from connecting_people.paths import NODE_MODULES_DIR

# A full stop, question mark or exclamation mark followed by a new sentence.
_TWO_SENTENCES = re.compile(r"[.?!]\s+[A-Z0-9\"]")


class EasyReadError(ValueError):
    """An easy read row names an unknown picture or breaks a convention."""


@dataclass(frozen=True)
class Picture:
    name: str
    hexcode: str  # the OpenMoji file name, without .svg
    alt: str

    @property
    def filename(self) -> str:
        return f"{self.hexcode}.svg"


@dataclass(frozen=True)
class Row:
    picture: Picture
    sentence: str
    line: int  # the row's line in the directive's content, for messages


_PICTURES = [
    ("people_together", "1F9D1-200D-1F91D-200D-1F9D1", "Two people holding hands"),
    ("hug", "1FAC2", "Two people hugging"),
    ("talking", "1F5E3", "A head speaking"),
    ("speech", "1F4AC", "A speech bubble"),
    ("handshake", "1F91D", "Two hands shaking"),
    ("house", "1F3E0", "A house"),
    ("door", "1F6AA", "A door"),
    ("phone", "1F4DE", "A telephone"),
    ("mobile", "1F4F1", "A mobile phone"),
    ("text_message", "1F4F2", "A mobile phone with an arrow"),
    ("calendar", "1F4C5", "A calendar"),
    ("map", "1F5FA", "A map"),
    ("pencil", "270F", "A pencil"),
    ("writing", "1F4DD", "A sheet of paper and a pencil"),
    ("yes", "2705", "A green tick"),
    ("no", "274C", "A red cross"),
    ("stop", "1F6D1", "A stop sign"),
    ("sofa", "1F6CB", "A sofa and a lamp"),
    ("walking", "1F6B6", "A person walking"),
    ("footprints", "1F463", "Footprints"),
    ("family", "1F46A", "A family"),
    ("star", "2B50", "A star"),
    ("painting", "1F3A8", "A paint palette"),
    ("snooker", "1F3B1", "A snooker ball"),
    ("coffee", "2615", "A hot drink"),
    ("books", "1F4DA", "Books"),
    ("locked", "1F512", "A padlock"),
    ("bin", "1F5D1", "A bin"),
    ("folder", "1F4C1", "A folder"),
    ("ambulance", "1F691", "An ambulance"),
    ("hospital", "1F3E5", "A hospital"),
    ("ear", "1F442", "An ear"),
    ("deaf", "1F9CF", "A deaf person signing"),
    ("raised_hand", "270B", "A raised hand"),
    ("thumbs_up", "1F44D", "A thumbs up"),
    ("idea", "1F4A1", "A light bulb"),
    ("computer", "1F4BB", "A laptop computer"),
    ("printer", "1F5A8", "A printer"),
    ("clipboard", "1F4CB", "A clipboard"),
    ("group", "1F465", "A group of people"),
    ("wave", "1F44B", "A waving hand"),
    ("sos", "1F198", "An SOS sign"),
    ("timer", "231B", "An hourglass"),
]

PICTURES: dict[str, Picture] = {
    name: Picture(name=name, hexcode=hexcode, alt=alt) for name, hexcode, alt in _PICTURES
}


def openmoji_dir(node_modules: Path = NODE_MODULES_DIR) -> Path:
    """The installed OpenMoji package, or a message that says how to install it."""
    folder = Path(node_modules) / "openmoji"
    if not (folder / "color" / "svg").is_dir():
        raise EasyReadError(
            f"The easy read pictures come from the openmoji npm package, but {folder} has "
            "no color/svg folder. Run `npm ci` in the repository root."
        )
    return folder


def openmoji_version(node_modules: Path = NODE_MODULES_DIR) -> str:
    data = json.loads((openmoji_dir(node_modules) / "package.json").read_text(encoding="utf-8"))
    return str(data["version"])


def parse_rows(lines: list[str]) -> list[Row]:
    """Rows from a directive's content: a ``% picture`` line, then one sentence."""
    rows: list[Row] = []
    picture: Picture | None = None
    picture_line = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("%"):
            if picture is not None:
                raise EasyReadError(f"line {picture_line}: picture '{picture.name}' has no "
                                    "sentence beside it")
            name = line[1:].strip()
            if name not in PICTURES:
                raise EasyReadError(f"line {number}: no picture called '{name}'; "
                                    f"choose one of {sorted(PICTURES)}")
            picture, picture_line = PICTURES[name], number
            continue
        if picture is None:
            raise EasyReadError(f"line {number}: every sentence needs a picture beside it; "
                                f"put a '% picture' line before \"{line}\"")
        if not line.endswith((".", "?", "!")) or _TWO_SENTENCES.search(line):
            raise EasyReadError(f"line {number}: write one whole sentence beside each picture, "
                                f"ending with a full stop: \"{line}\"")
        rows.append(Row(picture=picture, sentence=line, line=number))
        picture = None
    if picture is not None:
        raise EasyReadError(f"line {picture_line}: picture '{picture.name}' has no sentence "
                            "beside it")
    return rows
