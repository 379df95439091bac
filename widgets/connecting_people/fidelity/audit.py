"""The old name of ``fidelity.model``, kept because ``fidelity/widget.py`` and the browser tests
import it; new code imports ``connecting_people.fidelity.model``."""

from connecting_people.fidelity.model import (  # noqa: F401 - re-exported names
    Audit,
    AuditFileError,
    PlanEntry,
    Team,
    audit_from_document,
    audit_to_document,
    audit_to_json,
    load_audit,
)
