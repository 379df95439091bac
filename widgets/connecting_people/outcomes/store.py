"""Saved review pairs: for each person, the figures at the start and at about six months.

Only figures are kept (sizes, shares, the self-rating), under the person's
pseudonymised identifier: never the maps themselves, never names. A map is
the person's own and stays with them. One pair per person per team; a pair
saved in error can be removed (the identifier must be retyped).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.outcomes.rules import FIGURES, Pair
from connecting_people.store import access_log, versioned
from connecting_people.store import common as shared
from connecting_people.store.acting import acting_user
from connecting_people.store.errors import StoreConflict
from connecting_people.tracker.pseudonym import check_identifier

COMPONENT = "outcomes"
PAIR_FORMAT = "connecting-people/review-pair"
# Version 2 keeps the map's suggestion counts beside the four figures; version 1 pairs still open.
PAIR_VERSION = 2
READABLE_VERSIONS = (1, 2)
# Format 2 keeps the map's suggestion counts; pairs saved before the not-tried and
# not-yet split hold only the first two, and the review says "no or not yet" for them.
SUGGESTION_COUNTS = ("suggestions", "suggestions_tried", "suggestions_not_tried",
                     "suggestions_not_yet")
metadata = sa.MetaData()

pairs = shared.team_table(
    "outcomes_pairs",
    metadata,
    sa.Column("identifier", sa.String(16), nullable=False),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("review_date", sa.Date, nullable=False),
    *shared.saved_document_columns(),
    sa.UniqueConstraint("team", "identifier", name="uq_outcomes_team_identifier"),
)

shared.register_saved_documents(COMPONENT, "review pairs (figures only)", metadata, pairs)


def open_store(engine: Engine) -> Engine:
    access_log.open_log(engine)
    return shared.open_component(engine, COMPONENT)


def _figures(figures: dict) -> dict:
    kept = {k: figures.get(k) for k in FIGURES}
    kept.update({k: figures[k] for k in SUGGESTION_COUNTS if k in figures})
    return kept


def _document(pair: Pair) -> str:
    return json.dumps(
        {
            "format": PAIR_FORMAT,
            "version": PAIR_VERSION,
            "start": _figures(pair.start),
            "review": _figures(pair.review),
            "start_rating": pair.start_rating,
            "review_rating": pair.review_rating,
        },
        sort_keys=True,
    )


def _pair(row) -> Pair:
    doc = json.loads(row.document)
    if doc.get("format") != PAIR_FORMAT or doc.get("version") not in READABLE_VERSIONS:
        raise ValueError(f"Saved pair {row.id} has an unknown format or version.")
    return Pair(
        identifier=row.identifier,
        start_date=row.start_date,
        review_date=row.review_date,
        start=doc["start"],
        review=doc["review"],
        start_rating=doc["start_rating"],
        review_rating=doc["review_rating"],
    )


def save_pair(
    engine: Engine, team: str, pair: Pair, *, user: str | None = None, now: datetime | None = None
) -> Pair:
    """Save one person's pair; a second pair for the same identifier is refused."""
    team = shared.clean_team(team)
    identifier = check_identifier(pair.identifier)
    if not isinstance(pair.start_date, date) or pair.review_date <= pair.start_date:
        raise ValidationError([FieldError("Dates", "the review must come after the start")])
    now = now or datetime.now(UTC)
    row = {
        "team": team,
        "identifier": identifier,
        "start_date": pair.start_date,
        "review_date": pair.review_date,
        "document": _document(pair),
        "saved_at": now,
        "changed_by": acting_user(user),
        "changed_at": now,
    }

    def work() -> None:
        with engine.begin() as connection:
            connection.execute(pairs.insert().values(**row))

    try:
        versioned.retry_when_locked(work, what="The review pair")
    except IntegrityError:
        raise ValidationError(
            [FieldError("Identifier", f"{identifier} already has a saved review pair")]
        ) from None
    return next(p for p in list_pairs(engine, team, user=user, what="the pair just saved")
                if p.identifier == identifier)


def list_pairs(engine: Engine, team: str, *, user: str | None = None,
               what: str = "the team's review pairs") -> list[Pair]:
    """One team's saved pairs; each person's pair read goes into the access log."""
    query = sa.select(pairs).where(pairs.c.team == team).order_by(pairs.c.identifier)
    rows = access_log.read_person_rows(engine, query, tool=COMPONENT, what=what, user=user)
    return [_pair(row) for row in rows]


def remove_pair(engine: Engine, team: str, identifier: str, *, confirm: str) -> None:
    """Remove a pair saved in error; ``confirm`` must repeat the identifier."""
    identifier = identifier.strip().upper()
    if confirm.strip().upper() != identifier:
        raise ValidationError(
            [FieldError("Confirm", f"type {identifier} to confirm that it should be removed")]
        )
    with engine.begin() as connection:
        gone = connection.execute(
            pairs.delete().where(pairs.c.team == team, pairs.c.identifier == identifier)
        ).rowcount
    if not gone:
        raise StoreConflict(f"{identifier} has no saved review pair.")


def teams(engine: Engine) -> list[str]:
    """Every team with a saved pair, for the team picker."""
    return shared.team_names(engine, pairs)
