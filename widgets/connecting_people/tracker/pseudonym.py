"""Checking that a caseload identifier is a pseudonym and not something that names a person.

The tracker holds no names, NHS numbers, emails or phone numbers. A team
keeps its own key (who NG-014 is) in the care record, where it already is;
the tracker only needs to tell people apart. If a spreadsheet on a shared
drive or a screen on a projector ever shows the tracker, nobody is
identified. These rules refuse the common slips: a first name, a name with a
number added, an NHS number, a phone number, an email address or a date of
birth. They cannot catch every possible identifier, so the book also says
plainly what to use: a short team code and a number, for example NG-014.
"""

from __future__ import annotations

import re

from connecting_people.common.fields import FieldError

LABEL = "Identifier"
MIN_LENGTH, MAX_LENGTH = 3, 16
EXAMPLE = "NG-014"

_EMAIL = re.compile(r"@|\w\.\w+\.(com|uk|org|net)\b", re.IGNORECASE)
_DIGITS_WITH_SEPARATORS = re.compile(r"^[\d\s\-+()./]+$")
_NHS_SPACED = re.compile(r"^\d{3}[\s-]?\d{3}[\s-]?\d{4}$")
_ALLOWED = re.compile(r"^[A-Za-z0-9\-_/]+$")
_LETTER_RUN = re.compile(r"[A-Za-z]{4,}")
_DIGIT_RUN = re.compile(r"\d{6,}")
_THREE_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])")
# Three-letter first names common in England: "Amy1" passes the letter-run rule,
# so these are refused by name. A team code that happens to be one (SAM) is
# refused too; the message suggests another.
# fmt: off
SHORT_FIRST_NAMES = frozenset((
    "abi", "ada", "ali", "amy", "ann", "ava", "bea", "ben", "bob", "dan", "dee", "den",
    "eli", "eva", "eve", "fay", "gus", "guy", "ian", "ida", "ike", "isa", "jai", "jan",
    "jay", "jed", "jim", "joe", "jon", "joy", "kai", "kay", "ken", "kim", "kit", "lee",
    "len", "leo", "lea", "liv", "liz", "lou", "luc", "max", "meg", "mia", "ned", "nia",
    "noa", "pam", "pat", "peg", "raj", "ray", "rob", "ron", "roy", "sal", "sam", "sid",
    "sue", "tam", "ted", "tim", "tom", "una", "val", "viv", "wes", "zac", "zak", "zoe",
))
# fmt: on


def nhs_check_digit_ok(digits: str) -> bool:
    """True when ten digits pass the NHS number's modulus 11 check."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def check_identifier(value: object) -> str:
    """The identifier in capitals, or a ``FieldError`` saying why it might identify someone."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise FieldError(LABEL, f"is required: use a team code and a number, for example {EXAMPLE}")
    if _EMAIL.search(text):
        raise FieldError(LABEL, "looks like an email address; use a pseudonym such as " + EXAMPLE)
    digits = re.sub(r"\D", "", text)
    if _DIGITS_WITH_SEPARATORS.match(text) and len(digits) >= 9:
        if _NHS_SPACED.match(text) and nhs_check_digit_ok(digits):
            raise FieldError(LABEL, "looks like an NHS number; never put it in the tracker")
        if digits.startswith(("0", "44")) or text.startswith("+"):
            raise FieldError(LABEL, "looks like a phone number; use a pseudonym such as " + EXAMPLE)
        raise FieldError(
            LABEL, "looks like an NHS number or another official number; use a pseudonym"
        )
    if re.search(r"\s", text):
        raise FieldError(
            LABEL, f"has a space, which usually means a name; use a code such as {EXAMPLE}"
        )
    if not _ALLOWED.match(text):
        raise FieldError(LABEL, "may use only letters, digits and - _ /, for example " + EXAMPLE)
    if _DIGIT_RUN.search(text):
        raise FieldError(
            LABEL,
            "has six or more digits in a row, which could be an NHS number, a phone number or "
            "a date of birth; use a shorter number",
        )
    if _LETTER_RUN.search(text):
        raise FieldError(
            LABEL,
            "has four or more letters in a row, which could be part of a name; "
            f"use a short team code and a number, for example {EXAMPLE}",
        )
    for match in _THREE_LETTERS.finditer(text):
        if match.group(0).lower() in SHORT_FIRST_NAMES:
            raise FieldError(
                LABEL,
                f"{match.group(0)!r} could be a first name; use another team code and a number, "
                f"for example {EXAMPLE}",
            )
    if not any(ch.isdigit() for ch in text):
        raise FieldError(LABEL, f"needs a number part, for example {EXAMPLE}")
    if not MIN_LENGTH <= len(text) <= MAX_LENGTH:
        raise FieldError(LABEL, f"must be {MIN_LENGTH} to {MAX_LENGTH} characters long")
    return text.upper()
