"""The capacity planner: does the team's plan fit the time it protects?

Pure logic: ``rules`` (mirrored in ``planner.js``; ``spec.json`` defines the fields),
``store`` and ``charts``. Views: ``planner`` (the anywidget that works on a static
page) and ``dashboard`` (Voila: saving and comparing plans).
"""
