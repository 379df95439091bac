"""Pull the reader-facing prose out of the book's pages so it can be measured.

Code, tables, directive options, citations and markup are removed; link text is
kept. A line that ends without punctuation (a heading, a list item) counts as a
sentence of its own, because that is how a reader takes it in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import textstat

from connecting_people.paths import BOOK_DIR

PARTS = ("practice_guidance", "training_manual", "implementation_manual", "service_user_guide")

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_COLON_FENCE = re.compile(r"^\s*:{3,}")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_ROLE_WITH_TEXT = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*<[^`]*>`")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
_DROPPED_ROLES = ("cite", "numref", "eq", "download", "footcite")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
# MyST code cells and fences whose content is code, not prose.
_CODE_LANGS = (
    "{code-cell}",
    "python",
    "{code-block}",
    "{code}",
    "bash",
    "console",
    "text",
    "yaml",
    "json",
    "csv",
    "{glue",
    "{eval-rst}",
    "{bibliography}",
    "{toctree}",
    "{raw}",
    "mermaid",
    "{network-map}",
    "{fidelity-checklist}",
    "{session-plan}",
    "{tableofcontents}",
    "{list-table}",
    "{csv-table}",
    "{table}",
)


@dataclass
class Page:
    path: Path
    part: str
    text: str

    @property
    def words(self) -> int:
        return textstat.lexicon_count(self.text)

    @property
    def sentences(self) -> int:
        return max(1, textstat.sentence_count(self.text))

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences

    @property
    def reading_ease(self) -> float:
        return textstat.flesch_reading_ease(self.text)


def markdown_sources(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        return [
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in notebook["cells"]
            if cell["cell_type"] == "markdown"
        ]
    return [path.read_text(encoding="utf-8")]


def _drop_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[end + 4 :]
    return text


def _clean_inline(line: str) -> str:
    line = _ROLE_WITH_TEXT.sub(lambda m: m.group(1), line)

    def role(match: re.Match) -> str:
        name = match.group(0)[1 : match.group(0).index("}")]
        return "" if name.startswith(_DROPPED_ROLES) else match.group(1)

    line = _ROLE.sub(role, line)
    line = _LINK.sub(lambda m: m.group(1), line)
    line = _HTML.sub(" ", line)
    line = _EMPHASIS.sub("", line)
    line = re.sub(r"\(\s*\)", "", line)
    line = re.sub(r"^\s*(#+|[-*+]|\d+[.)])\s+", "", line)
    return re.sub(r"\s+", " ", line).strip()


def prose_of(markdown: str) -> str:
    """Reader-facing prose of one Markdown source, one sentence-ish unit per line."""
    lines_out: list[str] = []
    skipping: str | None = None  # the fence that opened a code block being skipped
    kept: list[str] = []  # fences of open directives whose body is prose (notes, cards)
    for raw in _drop_front_matter(markdown).splitlines():
        fence = _FENCE.match(raw)
        if skipping is not None:
            if (
                fence
                and fence.group(2)[0] == skipping[0]
                and len(fence.group(2)) >= len(skipping)
                and not fence.group(3).strip()
            ):
                skipping = None
            continue
        if fence:
            marker, info = fence.group(2), fence.group(3).strip()
            if not info and kept and kept[-1][0] == marker[0] and len(marker) >= len(kept[-1]):
                kept.pop()
            elif info.startswith("{") and not info.startswith(_CODE_LANGS):
                kept.append(marker)
            else:
                skipping = marker
            continue
        if _COLON_FENCE.match(raw) or _OPTION.match(raw):
            continue
        stripped = raw.lstrip()
        if stripped.startswith(("|", "+-", "%")) or raw.startswith("    "):
            continue  # tables, MyST comments and indented code
        if re.match(r"^\s*\([\w-]+\)=\s*$", raw):
            continue  # a label target
        line = _clean_inline(raw)
        if not line:
            continue
        if not line.endswith((".", "!", "?", ":", ";")):
            line += "."
        lines_out.append(line)
    return "\n".join(lines_out)


def book_pages(part: str) -> list[Page]:
    folder = BOOK_DIR / part
    pages = []
    for path in sorted([*folder.rglob("*.md"), *folder.rglob("*.ipynb")]):
        if "_build" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        text = "\n".join(prose_of(source) for source in markdown_sources(path))
        pages.append(Page(path=path, part=part, text=text))
    return pages


def all_book_sources() -> list[Path]:
    return sorted(
        path
        for path in [*BOOK_DIR.rglob("*.md"), *BOOK_DIR.rglob("*.ipynb")]
        if "_build" not in path.parts
        and "_vendor" not in path.parts
        and ".ipynb_checkpoints" not in path.parts
    )


# -- Statements: the units the timings and causal-claim rules read -------------
#
# Unlike ``prose_of`` these keep table rows (a timings table is exactly where
# a stray number hides), keep where each came from, and say whether the line
# above marked it as reviewed.

TIMING_PLACEHOLDER = "\u27e8timing\u27e9"
_TIMING_ROLE = re.compile(r"\{timing\}`[^`]*`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\u201c])")
# A MyST comment line directly above a sentence: "% reviewed: causal" or
# "% reviewed: causal, checked against webber2021implementation". It tells
# the causal-claim rule that an author has checked the sentence's wording.
REVIEWED_MARK = re.compile(r"^\s*%\s*reviewed:\s*causal\b", re.IGNORECASE)
# A line such as "**Time:** 30 minutes" is about the section it sits in, so it
# is read together with that section's heading.
_TIME_LINE = re.compile(r"^(?:Time|Time needed|How long it takes)\s*:", re.IGNORECASE)
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")


@dataclass(frozen=True)
class Statement:
    path: Path
    where: str  # "line 12" or "markdown cell 3, line 4"
    raw: str  # the source line, with markup
    text: str  # the reader's words, with {timing} roles as TIMING_PLACEHOLDER
    reviewed: bool

    def place(self) -> str:
        return f"{self.path.relative_to(BOOK_DIR.parent)}, {self.where}"


def _statements_of(markdown: str, path: Path, cell: int | None) -> list[Statement]:
    found: list[Statement] = []
    skipping: str | None = None
    reviewed_above = False
    heading = ""
    body = markdown
    offset = 0
    if body.startswith("---\n"):
        end = body.find("\n---", 4)
        if end != -1:
            offset = body[: end + 4].count("\n")
            body = body[end + 4 :]
    for number, raw in enumerate(body.splitlines(), start=1 + offset):
        fence = _FENCE.match(raw)
        if skipping is not None:
            if (fence and fence.group(2)[0] == skipping[0] and len(fence.group(2)) >= len(skipping)
                    and not fence.group(3).strip()):
                skipping = None
            continue
        if fence:
            info = fence.group(3).strip()
            if info and not (info.startswith("{") and not info.startswith(_CODE_LANGS)):
                skipping = fence.group(2)
            continue
        if REVIEWED_MARK.match(raw):
            reviewed_above = True
            continue
        stripped = raw.strip()
        if (not stripped or _COLON_FENCE.match(raw) or _OPTION.match(raw)
                or stripped.startswith("%")):
            reviewed_above = reviewed_above and not stripped
            continue
        if re.fullmatch(r"\|?[\s:|-]+\|?", stripped):
            continue  # a table's rule line
        where = f"line {number}" if cell is None else f"markdown cell {cell}, line {number}"
        line = _TIMING_ROLE.sub(TIMING_PLACEHOLDER, raw)
        if stripped.startswith("|"):
            line = " | ".join(_clean_inline(part) for part in line.strip().strip("|").split("|"))
            pieces = [line]
        else:
            if (title := _HEADING.match(line)) is not None:
                heading = _clean_inline(title.group(1))
            line = _clean_inline(line)
            if _TIME_LINE.match(line) and heading:
                line = f"{heading}: {line}"
            pieces = _SENTENCE_END.split(line)
        for piece in pieces:
            if piece.strip():
                found.append(Statement(path, where, raw, piece.strip(), reviewed_above))
        reviewed_above = False
    return found


def statements_of_text(markdown: str, path: Path | None = None) -> list[Statement]:
    """The statements of one Markdown text, for tests that try the rules on examples."""
    return _statements_of(markdown, path or BOOK_DIR / "example.md", None)


def statements(path: Path) -> list[Statement]:
    """Every sentence and table row of a page, in order, with where it is."""
    if path.suffix == ".ipynb":
        found = []
        for index, source in enumerate(markdown_sources(path), start=1):
            found.extend(_statements_of(source, path, index))
        return found
    return _statements_of(path.read_text(encoding="utf-8"), path, None)
