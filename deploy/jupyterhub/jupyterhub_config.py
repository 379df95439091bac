"""JupyterHub configuration for Connecting People: the whole of it, set by environment.

Copy or link this file to /etc/connecting-people/jupyterhub_config.py (the
systemd unit in deploy/systemd/ points there). Every choice is an environment
variable read by connecting_people.hub.config.configure; see the Trust page of
the implementation manual ("Running the dashboards for a Trust") for the list.
The defaults are the Trust default: Microsoft Entra ID sign-in, SystemdSpawner.
"""

import os

from connecting_people.hub.config import configure
from connecting_people.serving.launch import build_page_assets

c = get_config()  # noqa: F821 - JupyterHub provides get_config() to its config files
configure(c, os.environ)
# The plotly.js each user's dashboards load (our Voila template's), built once here.
build_page_assets()
