"""The page a participant sees when every place in the room is taken.

A plain, self-contained page (no scripts, nothing from outside) that says what
is happening and tries again by itself, so nobody stares at a page that hangs.
"""

from __future__ import annotations

from html import escape

RETRY_SECONDS = 10

ROOM_FULL_TITLE = "The room is full, please wait"


def room_full_page(retry_seconds: int = RETRY_SECONDS) -> str:
    seconds = int(retry_seconds)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{seconds}">
<title>{escape(ROOM_FULL_TITLE)}</title>
<style>
  body {{ font-family: sans-serif; font-size: 20px; max-width: 36em; margin: 3em auto;
         padding: 0 1em; line-height: 1.5; color: #0b0c0c; }}
  h1 {{ font-size: 1.6em; }}
</style>
</head>
<body>
<main>
<h1>{escape(ROOM_FULL_TITLE)}</h1>
<p>Everyone's places on this dashboard are in use at the moment.</p>
<p>This page tries again by itself every {seconds} seconds.
   You do not need to do anything.</p>
<p>If you are still waiting after a few minutes, tell your trainer.
   You can do the same exercise on the book's own page while you wait.</p>
</main>
</body>
</html>
"""
