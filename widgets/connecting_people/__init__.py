"""Connecting People: the Python package behind the book.

The package is split so that the rules can be trusted without a browser:
pure models and rules (network maps, the fidelity checklist, capacity and
tracking) never import ipywidgets; widgets and dashboards are thin views over
them; ``store`` keeps what a team chooses to save (SQLite by default,
PostgreSQL by URL); ``sphinxext`` lets the book build offline from the
package's own data.
"""

import sys

__version__ = "0.1.0"

# jsonschema imports an optional checker for the "iri" string format when the
# rfc3987_syntax package is installed (jupyter-events' extras install it). That
# package compiles a grammar when imported: about 1 s of CPU time and 15 MiB in
# every dashboard kernel, measured (benchmarks/results/kernel_weight.md). No
# schema here checks string formats, so it is kept out; jsonschema skips the
# checker when its import fails, and nothing else imports it.
sys.modules.setdefault("rfc3987_syntax", None)
