"""The old name of ``fidelity.model``, kept because ``fidelity/widget.py`` and the browser tests
import it; new code imports ``connecting_people.fidelity.model``."""

from connecting_people.fidelity.model import *  # noqa: F403 - the old name re-exports all
