"""The JupyterHub configuration, one function per choice, applied to the Hub's ``c``.

``deploy/jupyterhub/jupyterhub_config.py`` calls :func:`configure` with the
environment, so a Trust configures its Hub by environment variables only (the
service unit or the container sets them) and this code is tested by loading it.

Choices, each by an environment variable:

- ``CP_HUB_AUTHENTICATOR``: ``entra`` (the Trust default: Microsoft Entra ID via
  OAuthenticator's ``AzureAdOAuthenticator``), ``ldap`` (the alternative), or
  ``demo`` (a shared password and fixed fictional users; loopback only).
- ``CP_HUB_SPAWNER``: ``systemd`` (one Trust server, per-user memory and CPU
  limits), ``kubernetes`` (KubeSpawner), or ``local`` (tests and try-outs).

Whatever is chosen, each user's server serves only the dashboards (see
``lockdown.py``), idle servers are culled by the idle-culler service, and the
server's token may read its own user's groups and nothing more.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from connecting_people.common.logs import traitlets_logging_config
from connecting_people.hub import demo
from connecting_people.hub.groups import (
    all_mapped_groups,
    load_group_mapping,
    map_directory_groups,
)
from connecting_people.paths import (
    DASHBOARDS_DIR,
    JUPYTER_DATA_DIR,
    NODE_MODULES_DIR,
    PACKAGE_DIR,
)
from connecting_people.store.engine import DATABASE_URL_ENV

SERVER_CONFIG_DIR = PACKAGE_DIR / "hub" / "server_config"

# Stated timeouts (seconds). A user's server with no activity for an hour is
# stopped by the culler; a dashboard's kernel whose page was closed is shut
# down by the user's server after ten minutes (server_config/*.json).
IDLE_SERVER_TIMEOUT = 3600
IDLE_CULL_EVERY = 300
# Per-user limits for SystemdSpawner and KubeSpawner (measured: see the Trust page).
MEMORY_LIMIT = "1G"
CPU_LIMIT = 1.0

# The server's own token: report activity, be reached through the proxy, and
# read its own user's groups (the identity reader in the kernel needs that).
SERVER_TOKEN_SCOPES = [
    "users:activity!user",
    "access:servers!server",
    "read:users:groups!user",
]
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]


class HubConfigError(RuntimeError):
    """The environment does not say enough to configure the Hub; the message says what."""


def _required(env: Mapping[str, str], *names: str) -> dict[str, str]:
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise HubConfigError(
            "The Hub cannot start: set these environment variables: " + ", ".join(missing)
        )
    return {name: env[name] for name in names}


def configure(c, env: Mapping[str, str] = os.environ) -> None:
    """Apply every part of the configuration the environment asks for."""
    configure_common(c, env)
    authenticator = env.get("CP_HUB_AUTHENTICATOR", "entra")
    spawner = env.get("CP_HUB_SPAWNER", "systemd")
    authenticators = {"entra": configure_entra, "ldap": configure_ldap, "demo": configure_demo}
    spawners = {
        "systemd": configure_systemd,
        "kubernetes": configure_kubernetes,
        "local": configure_local,
    }
    if authenticator not in authenticators:
        raise HubConfigError(
            f"CP_HUB_AUTHENTICATOR is {authenticator!r}; use one of entra, ldap, demo."
        )
    if spawner not in spawners:
        raise HubConfigError(
            f"CP_HUB_SPAWNER is {spawner!r}; use one of systemd, kubernetes, local."
        )
    authenticators[authenticator](c, env)
    spawners[spawner](c, env)


def configure_common(c, env: Mapping[str, str]) -> None:
    """What every Trust Hub has: the address, the dashboards, the culler, the token scopes."""
    ip = env.get("CP_HUB_IP", "127.0.0.1")
    port = env.get("CP_HUB_PORT", "8000")
    base_url = env.get("CP_HUB_BASE_URL", "/")
    c.JupyterHub.bind_url = f"http://{ip}:{port}{base_url}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    # The Hub's own API and the proxy's API listen on loopback only; their ports
    # can be moved off the defaults (8081, 8001) when those are taken.
    if env.get("CP_HUB_HUB_PORT"):
        c.JupyterHub.hub_port = int(env["CP_HUB_HUB_PORT"])
    if env.get("CP_HUB_PROXY_API_PORT"):
        c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['CP_HUB_PROXY_API_PORT']}"
    state_dir = Path(env.get("CP_HUB_STATE_DIR", "/var/lib/connecting-people-hub"))
    c.JupyterHub.db_url = env.get("CP_HUB_DB_URL", f"sqlite:///{state_dir / 'jupyterhub.sqlite'}")
    c.JupyterHub.cookie_secret_file = str(state_dir / "jupyterhub_cookie_secret")
    # The Hub's log in the project's one format: a JSON line per record (common/logs.py).
    c.JupyterHub.logging_config = traitlets_logging_config()
    # SIGTERM to the Hub (a service manager's stop) stops every user's server and the proxy.
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True
    proxy = NODE_MODULES_DIR / ".bin" / "configurable-http-proxy"
    if proxy.exists():
        c.ConfigurableHTTPProxy.command = [str(proxy)]

    dashboards = Path(env.get("CP_DASHBOARDS_DIR", str(DASHBOARDS_DIR)))
    c.Spawner.notebook_dir = str(dashboards)
    c.Spawner.default_url = "/voila/tree"
    c.Spawner.server_token_scopes = list(SERVER_TOKEN_SCOPES)
    c.Spawner.environment = _server_environment(env)
    c.Spawner.mem_limit = env.get("CP_HUB_MEM_LIMIT", MEMORY_LIMIT)
    c.Spawner.cpu_limit = float(env.get("CP_HUB_CPU_LIMIT", CPU_LIMIT))

    c.JupyterHub.load_roles = [
        {"name": "idle-culler", "scopes": list(CULLER_SCOPES), "services": ["idle-culler"]}
    ]
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={IDLE_SERVER_TIMEOUT}",
                f"--cull-every={IDLE_CULL_EVERY}",
            ],
        }
    ]


def _server_environment(env: Mapping[str, str]) -> dict[str, str]:
    """What each user's server needs: the lockdown config, our Voila template, the store."""
    server_env = {
        "JUPYTER_CONFIG_PATH": str(SERVER_CONFIG_DIR),
        "JUPYTER_PATH": str(JUPYTER_DATA_DIR),
        "CONNECTING_PEOPLE_HUB": "1",
    }
    for name in (DATABASE_URL_ENV, "CONNECTING_PEOPLE_MAPS_DIR", "CONNECTING_PEOPLE_BOOK_URL"):
        if env.get(name):
            server_env[name] = env[name]
    return server_env


def configure_entra(c, env: Mapping[str, str]) -> None:
    """Microsoft Entra ID (Azure AD), the Trust default; groups from the token's group claim.

    Entra must be set to send the ``groups`` claim (security groups) in the ID
    token; it sends group object ids, which the mapping file turns into ours.
    """
    values = _required(
        env,
        "AAD_TENANT_ID",
        "OAUTH_CLIENT_ID",
        "OAUTH_CLIENT_SECRET",
        "OAUTH_CALLBACK_URL",
        "CP_HUB_GROUP_MAPPING",
    )
    mapping = load_group_mapping(values["CP_HUB_GROUP_MAPPING"])
    c.JupyterHub.authenticator_class = "azuread"
    c.AzureAdOAuthenticator.tenant_id = values["AAD_TENANT_ID"]
    c.AzureAdOAuthenticator.client_id = values["OAUTH_CLIENT_ID"]
    c.AzureAdOAuthenticator.client_secret = values["OAUTH_CLIENT_SECRET"]
    c.AzureAdOAuthenticator.oauth_callback_url = values["OAUTH_CALLBACK_URL"]
    c.AzureAdOAuthenticator.scope = ["openid", "profile", "email"]
    # The sign-in name (user principal name) is unique and stable; display names are not.
    c.AzureAdOAuthenticator.username_claim = "preferred_username"
    c.AzureAdOAuthenticator.manage_groups = True
    c.AzureAdOAuthenticator.auth_state_groups_key = _groups_from_claim(mapping)
    # Only people in a mapped group may sign in at all.
    c.AzureAdOAuthenticator.allowed_groups = all_mapped_groups(mapping)


def _groups_from_claim(mapping):
    def groups(auth_state: dict) -> list[str]:
        claim = (auth_state.get("user") or {}).get("groups") or []
        return map_directory_groups(claim, mapping)

    return groups


def configure_ldap(c, env: Mapping[str, str]) -> None:
    """The alternative: the Trust's LDAP or Active Directory, groups from group DNs."""
    values = _required(
        env,
        "LDAP_SERVER",
        "LDAP_USER_SEARCH_BASE",
        "LDAP_BIND_USER",
        "LDAP_BIND_PASSWORD",
        "CP_HUB_GROUP_MAPPING",
    )
    mapping = load_group_mapping(values["CP_HUB_GROUP_MAPPING"])
    c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
    c.LDAPAuthenticator.server_address = values["LDAP_SERVER"]
    c.LDAPAuthenticator.server_port = int(env.get("LDAP_PORT", "636"))
    c.LDAPAuthenticator.tls_strategy = "on_connect"
    c.LDAPAuthenticator.lookup_dn = True
    c.LDAPAuthenticator.user_search_base = values["LDAP_USER_SEARCH_BASE"]
    c.LDAPAuthenticator.user_attribute = env.get("LDAP_USER_ATTRIBUTE", "sAMAccountName")
    c.LDAPAuthenticator.lookup_dn_search_user = values["LDAP_BIND_USER"]
    c.LDAPAuthenticator.lookup_dn_search_password = values["LDAP_BIND_PASSWORD"]
    c.LDAPAuthenticator.lookup_dn_user_dn_attribute = "cn"
    # Let in members of the mapped directory groups; the post-auth hook turns the
    # groups found into ours, and the Hub keeps them (manage_groups).
    c.LDAPAuthenticator.allowed_groups = sorted(mapping)
    c.LDAPAuthenticator.manage_groups = True
    c.LDAPAuthenticator.post_auth_hook = _ldap_groups_hook(mapping)


def _ldap_groups_hook(mapping):
    def hook(authenticator, handler, auth_model):
        found = (auth_model.get("auth_state") or {}).get("ldap_groups") or []
        auth_model["groups"] = map_directory_groups(found, mapping)
        return auth_model

    return hook


def configure_demo(c, env: Mapping[str, str]) -> None:
    """Fixed fictional users and one published password: for loopback try-outs and tests."""
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env.get(
        "CP_HUB_DEMO_PASSWORD", demo.DEMO_PASSWORD
    )
    # Extra members of team north, for the sign-in benchmark's simulated users.
    extra = [name for name in env.get("CP_HUB_DEMO_EXTRA_USERS", "").split(",") if name]
    c.SharedPasswordAuthenticator.allowed_users = set(demo.demo_users()) | set(extra)
    groups = {name: list(users) for name, users in demo.DEMO_GROUPS.items()}
    groups["cp-team:north"] += extra
    c.JupyterHub.load_groups = {name: {"users": users} for name, users in groups.items()}


def configure_systemd(c, env: Mapping[str, str]) -> None:
    """One Trust server: each user's server in its own systemd unit, with limits."""
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    # Entra and LDAP users have no account on the server: systemd makes one per unit.
    c.SystemdSpawner.dynamic_users = True
    c.SystemdSpawner.unit_name_template = "cp-dashboards-{USERNAME}"
    c.SystemdSpawner.disable_user_sudo = True
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.readonly_paths = ["/"]
    c.SystemdSpawner.user_workingdir = c.Spawner.notebook_dir
    c.Spawner.cmd = [_venv_tool("jupyterhub-singleuser")]


def configure_kubernetes(c, env: Mapping[str, str]) -> None:
    """Kubernetes, when a Trust outgrows one server (zero-to-jupyterhub's values.yaml is the
    usual way; this is the same choice for a Hub configured by this file)."""
    values = _required(env, "CP_SINGLEUSER_IMAGE")
    c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"
    c.KubeSpawner.image = values["CP_SINGLEUSER_IMAGE"]
    c.KubeSpawner.mem_guarantee = "512M"
    c.KubeSpawner.cpu_guarantee = 0.25
    c.KubeSpawner.cmd = ["jupyterhub-singleuser"]
    # Inside the image the dashboards live here (deploy/singleuser/Containerfile).
    c.Spawner.notebook_dir = "/srv/connecting-people/dashboards"
    c.KubeSpawner.working_dir = "/srv/connecting-people/dashboards"


def configure_local(c, env: Mapping[str, str]) -> None:
    """Servers as local processes, with no system accounts: tests and try-outs only."""
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(
        Path(env.get("CP_HUB_STATE_DIR", "/tmp")) / "home-{username}"  # noqa: S108
    )
    c.Spawner.cmd = [_venv_tool("jupyterhub-singleuser")]
    if os.geteuid() == 0:
        # CI and throw-away containers run everything as root; the Jupyter server
        # refuses root unless told. A Trust server never does this (systemd or
        # Kubernetes run each user's server as its own unprivileged user).
        c.Spawner.args = ["--ServerApp.allow_root=True"]
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120


def _venv_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name
