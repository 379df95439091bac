"""A printable report of one self-audit: a complete HTML page that prints well on A4.

The report is what a team manager takes to a meeting or files with the team's
records: the scores and bands, how much was not rated, the radar chart, the
weakest items, the action plan with owners and dates, what changed since the
last audit, and every item with the description matching the score given.
It needs no script and no outside file, and every text a person typed is
escaped.
"""

from __future__ import annotations

import html
from datetime import date

from connecting_people.common.dates import uk_date
from connecting_people.fidelity.checklist import Checklist, format_tenths
from connecting_people.fidelity.compare import compare_audits
from connecting_people.fidelity.model import Audit
from connecting_people.fidelity.radar import radar_svg
from connecting_people.fidelity.rules import ScopeScore, score_audit

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #1b1b1b; line-height: 1.45; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #1d4e89; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 0.3rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #9a9a9a; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eeeeee; }
.meta { color: #4a4a4a; }
.caution { border-left: 5px solid #8a6d00; padding: 0.4rem 0.8rem; background: #fff4e5; }
.radar { max-width: 38rem; }
.small { font-size: 0.9rem; color: #4a4a4a; }
.blank { display: inline-block; min-width: 8rem; border-bottom: 1px solid #1b1b1b; }
@page { size: A4; margin: 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, .keep { break-inside: avoid; }
  .items { break-before: page; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; }
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _band(checklist: Checklist, scope: ScopeScore) -> str:
    if scope.band:
        return checklist.band(scope.band).label
    return "too few items rated" if scope.band_withheld else "none"


def _score(scope: ScopeScore) -> str:
    return format_tenths(scope.tenths) if scope.tenths is not None else "no score"


def _answer(audit: Audit, item_id: str) -> str:
    if item_id not in audit.answers:
        return "not answered"
    score = audit.answers[item_id]
    return "cannot rate: no evidence" if score is None else str(score)


def audit_report_html(audit: Audit, checklist: Checklist, *, previous: Audit | None = None,
                      link_base: str = "../", generated: date | None = None) -> str:
    """The whole report as one HTML document (escaped throughout)."""
    result = score_audit(checklist, audit.answers)
    before = score_audit(checklist, previous.answers) if previous else None
    total = result.total
    rules = checklist.rules
    team = audit.team
    where = ", ".join(_e(part) for part in (team.trust, team.service) if part)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>Self-audit report: {_e(team.name)}, {uk_date(audit.date)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Connecting People self-audit: {_e(team.name)}</h1>",
        f'<p class="meta">{where + ". " if where else ""}Audit of {uk_date(audit.date)}. '
        f"Checklist version {_e(audit.checklist_version)}.</p>",
        '<p class="small">This is the book\'s own checklist, not a validated scale. Scores are '
        "the mean of the rated items; items marked \"cannot rate\" are left out.</p>",
    ]
    if audit.participants:
        out.append("<p><strong>Who took part:</strong> "
                   + "; ".join(_e(p) for p in audit.participants) + "</p>")
    if audit.notes:
        out.append("<p><strong>Notes:</strong> " + _e(audit.notes).replace("\n", "<br>") + "</p>")

    out.append("<h2>Results</h2>")
    out.append(f'<p class="keep"><strong>Whole audit: {_score(total)} out of 5, '
               f"{_e(_band(checklist, total))}.</strong> {total.rated} of {total.items} items "
               f"rated; {total.unrated_percent}% not rated ({total.cannot_rate} cannot rate, "
               f"{total.unanswered} not answered).</p>")
    if total.warning:
        out.append(f'<p class="caution"><strong>Treat these scores with caution.</strong> More '
                   f"than {rules.unrated_warning_percent}% of the items are not rated.</p>")
    previous_note = (f" The dashed line is the previous audit ({uk_date(previous.date)})."
                     if previous else "")
    out.append(f'<div class="radar keep">{radar_svg(checklist, result, before)}</div>')
    out.append(f'<p class="small">The chart shows each domain\'s score from 1 at the centre '
               f"to 5 at the edge.{previous_note} The table gives the same figures.</p>")
    out.append("<table><caption>Scores by domain</caption><thead><tr><th>Domain</th>"
               "<th>Score</th><th>Band</th><th>Items rated</th></tr></thead><tbody>")
    for domain, scope in zip(checklist.domains, result.domains, strict=True):
        caution = " (caution)" if scope.warning else ""
        out.append(f"<tr><th scope=\"row\">{_e(domain.label)}</th><td>{_score(scope)}</td>"
                   f"<td>{_e(_band(checklist, scope))}</td>"
                   f"<td>{scope.rated} of {scope.items}{caution}</td></tr>")
    out.append("</tbody></table>")
    out.append("<p class=\"small\">Bands: " + "; ".join(
        f"{_e(band.label)} {band.range_text}" for band in checklist.bands) + ".</p>")

    out.append("<h2>Action plan</h2>")
    if result.plan:
        owners = {entry.item_id: entry for entry in audit.plan}
        out.append("<table><thead><tr><th>Item (score)</th><th>Suggested action</th>"
                   "<th>Who</th><th>By when</th></tr></thead><tbody>")
        for item_id in result.plan:
            item = checklist.item(item_id)
            entry = owners.get(item_id)
            owner = _e(entry.owner) if entry and entry.owner else '<span class="blank"></span>'
            due = (uk_date(entry.due) if entry and entry.due
                   else '<span class="blank"></span>')
            link = f"{link_base}{item.action_page}.html"
            out.append(f"<tr><th scope=\"row\">{_e(item.title)} ({audit.answers[item_id]})</th>"
                       f"<td>{_e(item.action_text)} <a href=\"{_e(link)}\">How to act on this"
                       f"</a></td><td>{owner}</td><td>{due}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append("<p>No items were rated below 5, so there is no suggested plan.</p>")

    if previous is not None:
        cmp = compare_audits(checklist, previous.answers, audit.answers)
        out.append(f"<h2>Since the audit of {uk_date(previous.date)}</h2>")
        change = cmp.total.change_tenths
        if change is None:
            out.append("<p>The whole-audit scores cannot be compared (one has nothing rated).</p>")
        else:
            direction = "up" if change > 0 else ("down" if change < 0 else "no change,")
            out.append(f"<p>Whole audit: {direction} {format_tenths(abs(change))} "
                       f"(from {format_tenths(cmp.total.before_tenths)} to "
                       f"{format_tenths(cmp.total.after_tenths)}).</p>")
        for heading, changes in (("What improved", cmp.improved), ("What slipped", cmp.slipped)):
            out.append(f"<h3>{heading}</h3>")
            if changes:
                out.append("<ul>" + "".join(
                    f"<li>{_e(checklist.item(c.item_id).title)}: {c.before} to {c.after}</li>"
                    for c in changes) + "</ul>")
            else:
                out.append("<p>None.</p>")
        if cmp.no_longer_rated:
            out.append("<p>Rated last time but not this time: " + ", ".join(
                _e(checklist.item(i).title) for i in cmp.no_longer_rated) + ".</p>")

    out.append('<h2 class="items">Every item</h2>')
    for domain in checklist.domains:
        out.append(f"<h3>{_e(domain.label)}</h3><table><thead><tr><th>Item</th><th>Answer</th>"
                   "<th>What that score looks like</th><th>Evidence note</th></tr></thead><tbody>")
        for item_id in domain.item_ids:
            item = checklist.item(item_id)
            score = audit.answers.get(item_id)
            anchor = item.anchor(score) if score is not None else ""
            note = _e(audit.item_notes.get(item_id, "")).replace("\n", "<br>")
            out.append(f"<tr><td>{_e(item.question)}</td><td>{_e(_answer(audit, item_id))}</td>"
                       f"<td>{_e(anchor)}</td><td>{note}</td></tr>")
        out.append("</tbody></table>")
    stamp = uk_date(generated or date.today())
    out.append(f'<p class="small">Report made on {stamp} from the Connecting People book.</p>')
    out.append("</body></html>")
    return "\n".join(out)
