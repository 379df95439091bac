"""The one YAML-and-schema reader names the place of each problem in the file."""

from __future__ import annotations

import pytest

from connecting_people.common.data_files import DataFileError, read_yaml, schema_problems

SCHEMA = {
    "type": "object",
    "required": ["tasks"],
    "properties": {"tasks": {"type": "array", "items": {"type": "object",
                                                        "required": ["minutes"]}}},
}


def test_a_problem_names_its_place_in_the_file():
    assert schema_problems({"tasks": [{"minutes": 5}, {}]}, SCHEMA) == [
        "tasks[1]: 'minutes' is a required property"]


def test_a_missing_part_is_at_the_top_level():
    assert schema_problems({}, SCHEMA) == ["the top level: 'tasks' is a required property"]


def test_bad_yaml_raises_the_callers_error(tmp_path):
    class OwnError(ValueError):
        pass

    path = tmp_path / "broken.yaml"
    path.write_text("tasks: [unclosed\n", encoding="utf-8")
    with pytest.raises(OwnError, match="broken.yaml: this is not valid YAML"):
        read_yaml(path, OwnError)


def test_a_missing_file_says_it_cannot_be_read(tmp_path):
    with pytest.raises(DataFileError, match="cannot read the file"):
        read_yaml(tmp_path / "nowhere.yaml")
