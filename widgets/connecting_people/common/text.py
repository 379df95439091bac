"""The one rule for text that people type or that files bring in, shared by every tool and the map.

Before this rule each tool had its own: the directory refused a zero-width
joiner (and with it every emoji family sequence) while the map accepted it.
Now every tool asks this module, and the map's JavaScript mirrors it, checked
against the shared cases in ``tests/fixtures/text_cases.json``.

The rule, exactly:

* Text is normalised to Unicode NFC, so the same letters typed on two
  computers are stored the same way.
* Refused: real control characters (Unicode category Cc: U+0000-U+001F,
  U+007F-U+009F), except a tab (U+0009), line feed (U+000A) and carriage
  return (U+000D) in a multi-line field; ``normalise_text`` turns a carriage
  return into a line feed.
* Refused: the direction overrides and isolates U+202A-U+202E and
  U+2066-U+2069, which can make text read differently from what is stored.
* Refused: a lone surrogate (broken Unicode from a damaged file).
* Kept: everything else, including zero-width joiners and non-joiners
  (U+200C, U+200D), variation selectors and emoji sequences such as a family
  or a flag, because people write their names and messages with them.

Text is escaped wherever it is shown and made safe wherever it is exported;
this rule only decides what may be stored.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class TextRefused(ValueError):
    """A value broke a rule; ``message`` is written for the person who typed it.

    ``fields.FieldError`` is the same error for every other field rule.
    """

    def __init__(self, field: str, message: str):
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why ``value`` breaks the rule, as a phrase to follow a field name; ``None`` when fine."""
    if _LONE_SURROGATE.search(value):
        return "contains broken characters (damaged Unicode); please retype it"
    control = (_CONTROL_MULTI_LINE if multiline else _CONTROL).search(value)
    if control:
        return (
            f"contains a hidden control character ({_describe(control.group())}) "
            f"at position {control.start() + 1}; please retype it"
        )
    direction = _DIRECTION.search(value)
    if direction:
        return (
            f"contains a character that changes the direction of the text "
            f"({_describe(direction.group())}) at position {direction.start() + 1}; "
            "please remove it"
        )
    return None


def normalise_text(value: str, field: str, *, multiline: bool = False) -> str:
    """``value`` in NFC with line endings made plain, or ``TextRefused`` naming ``field``.

    Does not trim or check length: callers decide those per field.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    problem = text_problem(value, multiline=multiline)
    if problem:
        raise TextRefused(field, problem)
    return unicodedata.normalize("NFC", value)
