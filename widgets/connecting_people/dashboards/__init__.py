"""Views behind the Voila dashboards: each dashboard notebook imports one and displays it.

Keeping the view in the package means the notebook stays a few lines, and the
view can be tested without a browser.
"""
