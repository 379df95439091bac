"""The opening dashboard for a training session: the study's numbers and findings.

A trainer projects it while the group arrives, then switches between the
views as they talk about why the practice was hard to put in place.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from connecting_people import plotting, study

FINDINGS = (
    "Connecting People was not fully put into practice, and outcomes and costs did not differ.",
    "High caseloads, understaffing and crisis work left little time for social connections.",
    "Teams did not engage enough with the local communities of the people they supported.",
    "Only a minority of service users said the materials had been explained to them.",
    "Many people in both groups said their wellbeing improved as their connections grew.",
)

VIEWS = ("Who took part", "What the study found", "The five Trusts")


class StudyOverview:
    """A toggle between the participant chart, the findings and the Trusts."""

    def __init__(self) -> None:
        self.choice = widgets.ToggleButtons(
            options=VIEWS,
            description="Show",
            style={"button_width": "auto"},
        )
        self.body = widgets.Output()
        self.view = widgets.VBox([self.choice, self.body], layout=widgets.Layout(max_width="960px"))
        self.view.add_class("cp-dashboard")
        self.choice.observe(self._show, names="value")
        self._show()

    def _show(self, _change=None) -> None:
        self.body.clear_output()
        with self.body:
            from IPython.display import HTML, display

            if self.choice.value == VIEWS[0]:
                display(plotting.study_flow_figure())
            elif self.choice.value == VIEWS[1]:
                items = "".join(f"<li>{html.escape(text)}</li>" for text in FINDINGS)
                display(HTML(f"<ul style='font-size:1.3rem;line-height:1.6'>{items}</ul>"))
            else:
                items = "".join(f"<li>{html.escape(name)}</li>" for name in study.TRUSTS)
                display(HTML(f"<ul style='font-size:1.3rem;line-height:1.6'>{items}</ul>"))
