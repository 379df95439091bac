"""Every sign-in and spawner choice loads from deploy/jupyterhub/jupyterhub_config.py.

CI cannot reach a Trust's Entra ID or LDAP, run systemd units or a Kubernetes
cluster, so these choices are checked by loading: the configuration file runs
with each choice's environment, every setting it makes is a real configurable
trait of the class it names (a misspelt name would be silently ignored by
JupyterHub), the classes accept the values, and the group hooks map groups.
The demo and local choices are the ones the rest of this tier runs for real.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml
from traitlets.config import PyFileConfigLoader

from connecting_people.hub.config import (
    IDLE_SERVER_TIMEOUT,
    SERVER_CONFIG_DIR,
    SERVER_TOKEN_SCOPES,
    HubConfigError,
)
from connecting_people.hub.lockdown import KERNEL_MESSAGE_TYPES
from connecting_people.paths import REPO_ROOT

pytestmark = pytest.mark.deploy

DEPLOY = REPO_ROOT / "deploy"
CONFIG_FILE = DEPLOY / "jupyterhub" / "jupyterhub_config.py"
MAPPING = DEPLOY / "jupyterhub" / "group_mapping.example.yml"
NORTH_ID = "6a1d0f3e-0c1b-4f43-9b5e-0000000000a1"
LEAD_ID = "6a1d0f3e-0c1b-4f43-9b5e-0000000000b1"

# The class each configuration section configures.
SECTIONS = {
    "JupyterHub": "jupyterhub.app:JupyterHub",
    "Spawner": "jupyterhub.spawner:Spawner",
    "ConfigurableHTTPProxy": "jupyterhub.proxy:ConfigurableHTTPProxy",
    "AzureAdOAuthenticator": "oauthenticator.azuread:AzureAdOAuthenticator",
    "LDAPAuthenticator": "ldapauthenticator:LDAPAuthenticator",
    "SharedPasswordAuthenticator": "jupyterhub.authenticators.shared:SharedPasswordAuthenticator",
    "SystemdSpawner": "systemdspawner:SystemdSpawner",
    "KubeSpawner": "kubespawner:KubeSpawner",
    "SimpleLocalProcessSpawner": "jupyterhub.spawner:SimpleLocalProcessSpawner",
}
ENTRA_ENV = {
    "CP_HUB_AUTHENTICATOR": "entra",
    "AAD_TENANT_ID": "11111111-2222-3333-4444-555555555555",
    "OAUTH_CLIENT_ID": "client-id",
    "OAUTH_CLIENT_SECRET": "client-secret",
    "OAUTH_CALLBACK_URL": "https://cp.trust.example/hub/oauth_callback",
    "CP_HUB_GROUP_MAPPING": str(MAPPING),
}
LDAP_ENV = {
    "CP_HUB_AUTHENTICATOR": "ldap",
    "LDAP_SERVER": "ldap.trust.example",
    "LDAP_USER_SEARCH_BASE": "ou=staff,dc=trust,dc=example",
    "LDAP_BIND_USER": "cn=jupyterhub,ou=service,dc=trust,dc=example",
    "LDAP_BIND_PASSWORD": "bind-password",
    "CP_HUB_GROUP_MAPPING": str(MAPPING),
}


def load(monkeypatch, tmp_path, **env):
    for name in list(ENTRA_ENV) + list(LDAP_ENV) + ["CP_HUB_SPAWNER", "CP_SINGLEUSER_IMAGE"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CP_HUB_STATE_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader(CONFIG_FILE.name, str(CONFIG_FILE.parent)).load_config()


def resolve(target: str):
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def assert_every_setting_is_a_real_trait(config) -> None:
    for section in config:
        cls = resolve(SECTIONS[section])
        traits = set(cls.class_trait_names(config=True))
        unknown = set(config[section]) - traits
        assert (section, unknown) == (section, set())


def test_entra_id_is_the_default_and_loads(monkeypatch, tmp_path):
    config = load(monkeypatch, tmp_path, **{**ENTRA_ENV, "CP_HUB_SPAWNER": "systemd"})
    assert_every_setting_is_a_real_trait(config)
    assert config.JupyterHub.authenticator_class == "azuread"
    authenticator = resolve(SECTIONS["AzureAdOAuthenticator"])(config=config)
    assert authenticator.tenant_id == ENTRA_ENV["AAD_TENANT_ID"]
    assert authenticator.authorize_url == (
        "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/authorize"
    )
    assert authenticator.manage_groups is True
    assert authenticator.allowed_groups == {
        "cp-team:north",
        "cp-team:south",
        "cp-lead:trust-a",
        "cp-admin",
    }
    # Entra sends group object ids; the mapping gives ours; unmapped ids give nothing.
    auth_state = {"user": {"groups": [NORTH_ID, LEAD_ID, "not-mapped"]}}
    assert authenticator.auth_state_groups_key(auth_state) == ["cp-lead:trust-a", "cp-team:north"]


def test_entra_id_without_its_variables_names_what_is_missing(monkeypatch, tmp_path):
    with pytest.raises(HubConfigError, match="OAUTH_CLIENT_SECRET, OAUTH_CALLBACK_URL"):
        load(
            monkeypatch,
            tmp_path,
            CP_HUB_AUTHENTICATOR="entra",
            AAD_TENANT_ID="t",
            OAUTH_CLIENT_ID="c",
        )


# ldap3 (LDAPAuthenticator's client) uses names pyasn1 has deprecated; not ours to fix.
@pytest.mark.filterwarnings("ignore:(tagMap|typeMap) is deprecated:DeprecationWarning")
def test_ldap_loads_and_maps_group_dns(monkeypatch, tmp_path):
    config = load(monkeypatch, tmp_path, **{**LDAP_ENV, "CP_HUB_SPAWNER": "systemd"})
    assert_every_setting_is_a_real_trait(config)
    authenticator = resolve(SECTIONS["LDAPAuthenticator"])(config=config)
    assert authenticator.server_address == "ldap.trust.example"
    assert authenticator.lookup_dn is True
    assert authenticator.manage_groups is True
    model = {"name": "nora", "auth_state": {"ldap_groups": [NORTH_ID]}}
    assert authenticator.post_auth_hook(authenticator, None, model)["groups"] == ["cp-team:north"]


def test_systemd_spawner_sets_limits_and_dynamic_users(monkeypatch, tmp_path):
    config = load(monkeypatch, tmp_path, **{**ENTRA_ENV, "CP_HUB_SPAWNER": "systemd"})
    assert config.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert resolve(SECTIONS["SystemdSpawner"]).__name__ == "SystemdSpawner"
    assert (config.Spawner.mem_limit, config.Spawner.cpu_limit) == ("1G", 1.0)
    assert config.SystemdSpawner.dynamic_users is True
    assert config.SystemdSpawner.disable_user_sudo is True


def test_kubespawner_loads_with_its_image(monkeypatch, tmp_path):
    config = load(
        monkeypatch,
        tmp_path,
        **{
            **ENTRA_ENV,
            "CP_HUB_SPAWNER": "kubernetes",
            "CP_SINGLEUSER_IMAGE": "registry.example/cp:0.1.0",
        },
    )
    assert_every_setting_is_a_real_trait(config)
    assert config.JupyterHub.spawner_class == "kubespawner.KubeSpawner"
    assert config.KubeSpawner.image == "registry.example/cp:0.1.0"


def test_demo_and_local_are_what_the_tests_run(monkeypatch, tmp_path):
    config = load(monkeypatch, tmp_path, CP_HUB_AUTHENTICATOR="demo", CP_HUB_SPAWNER="local")
    assert_every_setting_is_a_real_trait(config)
    assert config.JupyterHub.spawner_class == "simple"
    assert config.JupyterHub.load_groups["cp-lead:trust-a"] == {"users": ["trust-a-lead"]}


def test_every_choice_shares_the_lockdown_culler_and_narrow_token(monkeypatch, tmp_path):
    config = load(monkeypatch, tmp_path, CP_HUB_AUTHENTICATOR="demo", CP_HUB_SPAWNER="local")
    assert config.JupyterHub.cleanup_servers is True
    assert config.Spawner.server_token_scopes == SERVER_TOKEN_SCOPES
    assert config.Spawner.default_url == "/voila/tree"
    assert config.Spawner.environment["JUPYTER_CONFIG_PATH"] == str(SERVER_CONFIG_DIR)
    [culler] = config.JupyterHub.services
    assert culler["command"][-2:] == [f"--timeout={IDLE_SERVER_TIMEOUT}", "--cull-every=300"]
    [role] = config.JupyterHub.load_roles
    assert role == {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }


def test_an_unknown_choice_is_refused(monkeypatch, tmp_path):
    with pytest.raises(HubConfigError, match="use one of entra, ldap, demo"):
        load(monkeypatch, tmp_path, CP_HUB_AUTHENTICATOR="github")


def test_the_server_configuration_matches_the_lockdown_extension():
    import json

    server = json.loads((SERVER_CONFIG_DIR / "jupyter_server_config.json").read_text())
    assert server["MappingKernelManager"]["allowed_message_types"] == KERNEL_MESSAGE_TYPES
    assert server["ServerApp"]["jpserver_extensions"]["connecting_people.hub.lockdown"] is True
    assert server["ServerApp"]["jpserver_extensions"]["jupyterlab"] is False
    assert server["ServerApp"]["terminals_enabled"] is False
    # The Hub's Voila reads kernel replies with the same client as every other Voila
    # (serving/kernel_client.py: a reply already received is never waited for).
    from connecting_people.serving.launch import RECHECKING_CLIENT
    assert server["AsyncKernelManager"]["client_class"] == RECHECKING_CLIENT
    # Gzip, as the project's own Voila does (serving/voila_app.py); the websocket
    # limit needs no setting here: tornado's default (10 MiB) is above ours.
    from connecting_people.serving.launch import websocket_limit_bytes
    assert server["ServerApp"]["tornado_settings"] == {"compress_response": True}
    assert websocket_limit_bytes() < 10 * 1024 * 1024


def test_kubernetes_values_match_the_hub_configuration():
    values = yaml.safe_load((DEPLOY / "kubernetes" / "values.yaml").read_text())
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "azuread"
    assert values["hub"]["config"]["Spawner"]["server_token_scopes"] == SERVER_TOKEN_SCOPES
    assert values["cull"] == {"enabled": True, "timeout": IDLE_SERVER_TIMEOUT, "every": 300}
    assert values["singleuser"]["defaultUrl"] == "/voila/tree"
    assert values["singleuser"]["storage"] == {"type": "none"}
    # The extraConfig snippet is Python that compiles.
    for name, source in values["hub"]["extraConfig"].items():
        compile(source, name, "exec")


def test_systemd_unit_and_container_recipe_name_what_exists():
    unit = (DEPLOY / "systemd" / "connecting-people-hub.service").read_text()
    assert "ExecStart=/opt/connecting-people/venv/bin/jupyterhub -f " in unit
    assert "KillSignal=SIGTERM" in unit
    recipe = (DEPLOY / "singleuser" / "Containerfile").read_text()
    for copied in ["widgets", "dashboards", "pyproject.toml"]:
        assert Path(REPO_ROOT / copied).exists()
        assert f"COPY {copied}" in recipe
    assert 'CMD ["jupyterhub-singleuser"]' in recipe
