"""The old name of ``fidelity.rules``, kept because the browser tests import it; new code
imports ``connecting_people.fidelity.rules``."""

from connecting_people.fidelity.rules import score_audit  # noqa: F401 - re-exported
