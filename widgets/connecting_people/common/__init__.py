"""Pure helpers shared by the team tools: typed fields, safe CSV, escaped HTML.

No ipywidgets here; the widgets' shared pieces live in ``connecting_people.dashboards.ui``.
"""
