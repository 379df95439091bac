"""The ``{network-map}`` directive: draw a case study's map (or two, compared) at build time.

Case studies keep their maps as JSON files in the network-map format beside the
page. The directive validates each file with the package's own model (a bad
file stops the build with the validator's message and the file's name) and
writes the picture as inline SVG drawn by the package's own code, with the
plain-words description as its text alternative, so the book shows exactly
what the exercise would show a person::

    ```{network-map} case_maps/aisha_before.json
    :compare: case_maps/aisha_after.json
    :caption: What changed for Aisha between March and September
    ```
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from connecting_people.network.report import compare_figure, map_figure
from connecting_people.network.validate import MapError, loads


class NetworkMapDirective(SphinxDirective):
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False
    option_spec = {
        "compare": directives.unchanged_required,
        "caption": directives.unchanged,
    }

    def _load(self, argument: str):
        relative, absolute = self.env.relfn2path(argument, self.env.docname)
        self.env.note_dependency(relative)
        path = Path(absolute)
        if not path.is_file():
            raise self.error(f"network-map: no file at {argument} (looked for {path})")
        try:
            return loads(path.read_bytes())
        except MapError as error:
            raise self.error(f"network-map: {argument}: {error}") from None

    def run(self) -> list[nodes.Node]:
        first = self._load(self.arguments[0])
        caption = self.options.get("caption", "")
        serial = self.env.new_serialno("network-map")
        prefix = f"cp-network-{self.env.docname.replace('/', '-')}-{serial}"
        if "compare" in self.options:
            second = self._load(self.options["compare"])
            html = compare_figure(first, second, caption=caption, id_prefix=prefix)
        else:
            html = map_figure(first, caption=caption, id_prefix=prefix)
        return [nodes.raw("", html, format="html")]


def setup(app: Sphinx) -> None:
    app.add_directive("network-map", NetworkMapDirective)
