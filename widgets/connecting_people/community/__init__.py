"""The team's community resource directory: what is on offer locally, kept current.

Pure logic (no ipywidgets): ``fields`` and ``csvtools`` (shared by all four team
tools), ``model``, ``rules``, ``csvio``, ``store``, ``charts``, ``markup`` and
``examples``. Views: ``ui`` (shared dashboard pieces) and ``widget``.
"""
