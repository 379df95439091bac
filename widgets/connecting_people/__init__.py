"""Connecting People: the Python package behind the book.

The package is split so that the rules can be trusted without a browser:
pure models and rules (network maps, the fidelity checklist, capacity and
tracking) never import ipywidgets; widgets and dashboards are thin views over
them; ``store`` keeps what a team chooses to save (SQLite by default,
PostgreSQL by URL); ``sphinxext`` lets the book build offline from the
package's own data.
"""

__version__ = "0.1.0"
