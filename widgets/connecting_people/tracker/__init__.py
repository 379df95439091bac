"""The explained-materials tracker: each person's steps, by pseudonymised identifier only.

Pure logic: ``pseudonym``, ``model``, ``rules``, ``csvio``, ``store``, ``charts`` and
``examples``. View: ``widget``.
"""
