"""Read the book's YAML data files and check them against their JSON Schemas.

The timings, the self-audit checklist and the training course are each one
YAML file with a schema beside it. They were read and checked by three copies
of the same few lines; this is the one copy. A problem is said in words that
name the place in the file (``tasks.make_map.low``, ``items[3].anchors``), so
whoever edited it can find it. Pure: no Sphinx, no widgets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml


class DataFileError(ValueError):
    """A data file cannot be read or is not valid YAML."""


def read_yaml(path: Path, error: type[ValueError] = DataFileError) -> Any:
    """The file's data; ``error`` (the caller's own error class) says why it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as problem:
        raise error(f"{path}: cannot read the file ({problem.strerror})") from problem
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as problem:
        raise error(f"{Path(path).name}: this is not valid YAML: {problem}") from problem


def read_schema(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def where(error: jsonschema.ValidationError) -> str:
    """``items[3].anchors`` for the place a schema error points at."""
    parts: list[str] = []
    for part in error.absolute_path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts) or "the top level"


def explain(error: jsonschema.ValidationError) -> str:
    # "is not valid under any of the given schemas" helps nobody: for a choice
    # of shapes, say what is wrong with the closest one instead.
    if error.context:
        error = jsonschema.exceptions.best_match(error.context)
    return f"{where(error)}: {error.message}"


def schema_problems(data: Any, schema: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks ``schema``, in file order; an empty list when it follows it."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [explain(error) for error in errors]
