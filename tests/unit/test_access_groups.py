"""Group names and the Trust's directory-group mapping file."""

from __future__ import annotations

import pytest

from connecting_people.hub.groups import (
    GroupMappingError,
    Roles,
    all_mapped_groups,
    is_connecting_people_group,
    lead_group,
    map_directory_groups,
    parse_group_mapping,
    roles_from_groups,
    team_group,
)

ENTRA_IDS = {
    "format_version": 1,
    "groups": {
        "0b6f3c1e-1111-4a6e-9d7e-000000000001": ["cp-team:north"],
        "0b6f3c1e-2222-4a6e-9d7e-000000000002": "cp-team:south",
        "0b6f3c1e-3333-4a6e-9d7e-000000000003": ["cp-lead:trust-a", "cp-team:north"],
    },
}


def test_roles_from_groups_ignores_other_groups():
    roles = roles_from_groups(
        ["cp-team:north", "cp-lead:trust-a", "cp-admin", "staff", "cp-team:Bad Name", "cp-teamx"]
    )
    assert roles == Roles(frozenset({"north"}), frozenset({"trust-a"}), True)


def test_group_names_are_checked():
    assert team_group("north") == "cp-team:north"
    assert lead_group("trust-a") == "cp-lead:trust-a"
    with pytest.raises(ValueError, match="cannot be a team name"):
        team_group("North Team")
    assert is_connecting_people_group("cp-admin") is True
    assert is_connecting_people_group("cp-lead:") is False


def test_mapping_maps_directory_ids_to_our_groups():
    mapping = parse_group_mapping(ENTRA_IDS)
    assert map_directory_groups(
        [
            "0b6f3c1e-3333-4a6e-9d7e-000000000003",
            "0b6f3c1e-1111-4a6e-9d7e-000000000001",
            "unmapped-id",
        ],
        mapping,
    ) == ["cp-lead:trust-a", "cp-team:north"]
    assert all_mapped_groups(mapping) == {"cp-team:north", "cp-team:south", "cp-lead:trust-a"}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "must be a YAML mapping"),
        ({"format_version": 2, "groups": {"x": ["cp-admin"]}}, "has format_version 2"),
        ({"format_version": 1, "groups": {}}, "needs a 'groups' mapping"),
        ({"format_version": 1, "groups": {"x": []}}, "must map to a list of groups"),
        ({"format_version": 1, "groups": {"x": ["admins"]}}, "'admins' .* is not one of our"),
        ({"format_version": 1, "groups": {7: ["cp-admin"]}}, "must be text"),
    ],
)
def test_bad_mappings_are_refused_with_a_reason(document, message):
    with pytest.raises(GroupMappingError, match=message):
        parse_group_mapping(document)
