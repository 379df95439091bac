"""The outcomes review: maps at the start and at about six months, compared with care.

Pure logic: ``rating`` (the book's own self-rating, from ``self_rating.json``),
``rules`` (using ``connecting_people.network``), ``store``, ``charts`` and
``examples``. View: ``widget``.
"""
