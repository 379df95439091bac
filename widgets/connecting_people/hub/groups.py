"""JupyterHub group names for teams, leads and admins, and the Trust's mapping file.

A person's teams and role come from JupyterHub groups (``cp-team:<team>``,
``cp-lead:<trust>``, ``cp-admin``, and ``cp-ig`` for the information
governance lead, who may export the access log and nothing more). The
Trust's directory knows people by its
own group ids (Entra ID sends object ids; LDAP sends distinguished names), so a
small mapping file says which directory group gives which of our groups. This
module is pure: it reads a mapping the caller has loaded, and never talks to a
Hub or a directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

TEAM_PREFIX = "cp-team:"
LEAD_PREFIX = "cp-lead:"
ADMIN_GROUP = "cp-admin"
GOVERNANCE_GROUP = "cp-ig"
MAPPING_FORMAT_VERSION = 1
# Team and Trust names end up in group names and URLs: keep them short, lower-case slugs.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class GroupMappingError(ValueError):
    """The mapping file cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Roles:
    """What a person's JupyterHub groups say about them."""

    teams: frozenset[str] = frozenset()
    lead_trusts: frozenset[str] = frozenset()
    admin: bool = False
    governance: bool = False


def team_group(team: str) -> str:
    return TEAM_PREFIX + _checked_name(team, "team")


def lead_group(trust: str) -> str:
    return LEAD_PREFIX + _checked_name(trust, "Trust")


def _checked_name(name: str, kind: str) -> str:
    if not NAME_PATTERN.match(name):
        raise ValueError(
            f"{name!r} cannot be a {kind} name: use lower-case letters, digits and hyphens "
            "(up to 63), starting with a letter or digit."
        )
    return name


def is_connecting_people_group(group: str) -> bool:
    """True for ``cp-admin``, ``cp-ig`` and well-formed ``cp-team:``/``cp-lead:`` names."""
    if group in (ADMIN_GROUP, GOVERNANCE_GROUP):
        return True
    for prefix in (TEAM_PREFIX, LEAD_PREFIX):
        if group.startswith(prefix):
            return bool(NAME_PATTERN.match(group[len(prefix) :]))
    return False


def roles_from_groups(groups: Iterable[str]) -> Roles:
    """Teams, led Trusts and admin flag from group names; other groups are ignored."""
    teams: set[str] = set()
    trusts: set[str] = set()
    admin = governance = False
    for group in groups:
        if not is_connecting_people_group(group):
            continue
        if group == ADMIN_GROUP:
            admin = True
        elif group == GOVERNANCE_GROUP:
            governance = True
        elif group.startswith(TEAM_PREFIX):
            teams.add(group[len(TEAM_PREFIX) :])
        else:
            trusts.add(group[len(LEAD_PREFIX) :])
    return Roles(frozenset(teams), frozenset(trusts), admin, governance)


def parse_group_mapping(document: object, source: str = "the group mapping") -> dict[str, tuple]:
    """Check a loaded mapping document and return directory group -> our groups.

    The document is ``{"format_version": 1, "groups": {directory_id: [cp groups]}}``.
    """
    if not isinstance(document, Mapping):
        raise GroupMappingError(
            f"{source} must be a YAML mapping with 'format_version' and 'groups'."
        )
    version = document.get("format_version")
    if version != MAPPING_FORMAT_VERSION:
        raise GroupMappingError(
            f"{source} has format_version {version!r}; this version of Connecting People "
            f"reads format_version {MAPPING_FORMAT_VERSION}."
        )
    groups = document.get("groups")
    if not isinstance(groups, Mapping) or not groups:
        raise GroupMappingError(f"{source} needs a 'groups' mapping with at least one entry.")
    mapping: dict[str, tuple] = {}
    for directory_group, ours in groups.items():
        if not isinstance(directory_group, str) or not directory_group.strip():
            raise GroupMappingError(f"{source}: every directory group id must be text.")
        if isinstance(ours, str):
            ours = [ours]
        if not isinstance(ours, list) or not ours:
            raise GroupMappingError(
                f"{source}: {directory_group!r} must map to a list of groups such as "
                "['cp-team:north']."
            )
        for group in ours:
            if not isinstance(group, str) or not is_connecting_people_group(group):
                raise GroupMappingError(
                    f"{source}: {group!r} (for {directory_group!r}) is not one of our groups; "
                    "use cp-team:<team>, cp-lead:<trust>, cp-admin or cp-ig."
                )
        mapping[directory_group] = tuple(ours)
    return mapping


def load_group_mapping(path: str | Path) -> dict[str, tuple]:
    """Read and check the Trust's mapping file (YAML)."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GroupMappingError(f"Cannot read the group mapping file {path}: {error}") from error
    except yaml.YAMLError as error:
        raise GroupMappingError(
            f"The group mapping file {path} is not valid YAML: {error}"
        ) from error
    return parse_group_mapping(document, source=f"The group mapping file {path}")


def map_directory_groups(
    directory_groups: Iterable[str], mapping: Mapping[str, tuple]
) -> list[str]:
    """Our groups for a person, from the directory groups they are in (sorted, no repeats)."""
    ours: set[str] = set()
    for directory_group in directory_groups:
        ours.update(mapping.get(directory_group, ()))
    return sorted(ours)


def all_mapped_groups(mapping: Mapping[str, tuple]) -> set[str]:
    """Every group the mapping can give: the Hub lets in only people in one of them."""
    return {group for groups in mapping.values() for group in groups}
