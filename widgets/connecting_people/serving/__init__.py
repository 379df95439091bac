"""Serving the dashboards: our Voila application, the training room and child processes.

- ``voila_app``: Voila with the project's fixes (the closing page's shutdown is
  accepted, uploads up to the shared limit keep the connection) and, in room
  mode, a capped pool of preheated kernels per dashboard and a "room is full" page.
- ``pool``: the capped pool (pure bookkeeping on top of Voila's preheating).
- ``room``: the ``connecting-people room`` command: warm up, say "ready", give the code.
- ``supervise``: start child servers in their own process groups and end every
  descendant on SIGTERM, so a service manager's stop leaves nothing behind.
"""
