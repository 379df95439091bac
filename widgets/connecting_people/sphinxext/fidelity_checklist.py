"""Print the book's self-audit checklist from its data file, so page and widget agree.

Three directives, all reading ``connecting_people/fidelity/checklist.yaml``:

- ``fidelity-checklist``: every domain and item, with the five anchors, the
  "cannot rate" choice, the evidence sources and the suggested action linked
  to its implementation-manual page (a cross-reference, so ``-n`` fails the
  build if that page is missing).
- ``fidelity-bands``: the bands with their cut-offs and the scoring rules
  (the thresholds for warnings, bands and the action plan).
- ``fidelity-evidence``: the evidence sources and how to gather each.

The page is rebuilt whenever the data file changes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from connecting_people.fidelity.checklist import CHECKLIST_PATH, Checklist, load_checklist


def _para(*children: nodes.Node | str, classes: list[str] | None = None) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=classes or [])
    for child in children:
        paragraph += nodes.Text(child) if isinstance(child, str) else child
    return paragraph


def _table(headers: list[str], rows: list[list[nodes.Node | str]], widths: list[int],
           classes: list[str]) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    header_row = nodes.row()
    for text in headers:
        header_row += nodes.entry("", _para(text))
    head += header_row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", cell if isinstance(cell, nodes.Element) else _para(cell))
        body += row
    group += body
    return table


def _doc_link(page: str) -> addnodes.pending_xref:
    # Absolute doc name; the link text becomes the page's own title.
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{page}",
                                 refexplicit=False, refwarn=True)
    xref += nodes.inline("", page)
    return xref


class _ChecklistDirective(SphinxDirective):
    has_content = False

    def checklist(self) -> Checklist:
        self.env.note_dependency(str(CHECKLIST_PATH))
        return load_checklist()

    def section(self, title: str, anchor: str) -> nodes.section:
        section = nodes.section(ids=[nodes.make_id(anchor)])
        section += nodes.title("", title)
        self.state.document.note_implicit_target(section)
        return section


class FidelityChecklist(_ChecklistDirective):
    """Every domain and item of the checklist."""

    def run(self) -> list[nodes.Node]:
        checklist = self.checklist()
        sources = {source.id: source.label for source in checklist.evidence_sources}
        out: list[nodes.Node] = []
        number = 0
        for domain in checklist.domains:
            domain_section = self.section(domain.label, f"checklist-{domain.id}")
            domain_section += _para(domain.description)
            for item_id in domain.item_ids:
                number += 1
                item = checklist.item(item_id)
                box = self.section(f"{number}. {item.title}", f"item-{item.id}")
                box["classes"].append("cp-checklist-item")
                box += _para(nodes.strong("", item.question))
                rows: list[list[nodes.Node | str]] = [
                    [str(score), item.anchor(score)] for score in (1, 2, 3, 4, 5)
                ]
                rows.append(["Cannot rate", "There is no evidence to rate this item. It is left "
                                            "out of the scores and counted as not rated."])
                box += _table(["Score", "What it looks like"], rows, [12, 88],
                              ["cp-checklist-anchors"])
                box += _para(nodes.strong("", "Evidence: "),
                             "; ".join(sources[e] for e in item.evidence) + ".")
                action = _para(nodes.strong("", "If you score it low: "), item.action_text,
                               " Read more in ", _doc_link(item.action_page))
                if item.see_also:
                    action += nodes.Text(" and ")
                    action += _doc_link(item.see_also)
                action += nodes.Text(".")
                box += action
                domain_section += box
            out.append(domain_section)
        return out


class FidelityBands(_ChecklistDirective):
    """The bands, their cut-offs and the scoring rules."""

    def run(self) -> list[nodes.Node]:
        checklist = self.checklist()
        rules = checklist.rules
        rows: list[list[nodes.Node | str]] = [
            [band.label, band.range_text, band.meaning] for band in checklist.bands
        ]
        table = _table(["Band", "Score", "What it usually means"], rows, [22, 14, 64],
                       ["cp-fidelity-bands"])
        rule_list = nodes.bullet_list()
        for text in (
            "Each item is scored 1 to 5, or marked cannot rate.",
            "A score (for the whole audit or a domain) is the mean of the rated items, shown to "
            "one decimal place and rounded half up. Items not rated are left out.",
            "The band is read from that shown score, using the table above.",
            f"A warning appears when more than {rules.unrated_warning_percent}% of the items are "
            "not rated.",
            f"A band is given only when at least {rules.band_min_rated_percent}% of the items are "
            "rated.",
            f"The action plan takes the {rules.plan_min_items} lowest-rated items. It takes up to "
            f"{rules.plan_max_items} when more items tie with the third, or score "
            f"{rules.plan_always_include_at_or_below} or less. Items scored "
            f"{rules.plan_never_include_at_or_above} are never in it. Ties go in checklist "
            "order.",
        ):
            rule_list += nodes.list_item("", _para(text))
        return [table, rule_list]


class FidelityEvidence(_ChecklistDirective):
    """The evidence sources and how to gather each one."""

    def run(self) -> list[nodes.Node]:
        checklist = self.checklist()
        definitions = nodes.definition_list()
        for source in checklist.evidence_sources:
            entry = nodes.definition_list_item()
            entry += nodes.term("", source.label)
            entry += nodes.definition("", _para(source.how))
            definitions += entry
        return [definitions]


def setup(app: Sphinx) -> dict:
    app.add_directive("fidelity-checklist", FidelityChecklist)
    app.add_directive("fidelity-bands", FidelityBands)
    app.add_directive("fidelity-evidence", FidelityEvidence)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
