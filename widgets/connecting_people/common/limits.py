"""Limits shared by the browser checks, the import panels and the servers, so they cannot disagree."""

# The largest file a person can import in a dashboard. The browser refuses a bigger
# file before sending it; the Voila/Jupyter websocket limit is set above this.
UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024
