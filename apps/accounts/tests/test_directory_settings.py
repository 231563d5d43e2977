"""The sign-in variables as an administrator writes them: read into settings, and a wrong one stops the desk
at start-up with its name."""

import json
import os
import subprocess
import sys

import pytest

READ = """
import json
from django.conf import settings
import django
django.setup()
print(json.dumps({
    "backends": settings.AUTHENTICATION_BACKENDS,
    "roles": settings.KHEDMAT_OIDC_ROLES,
    "groups": settings.KHEDMAT_LDAP_GROUPS,
    "user_base": getattr(getattr(settings, "AUTH_LDAP_USER_SEARCH", None), "base_dn", None),
    "require_2fa": settings.KHEDMAT_REQUIRE_2FA,
}))
"""

OIDC = {
    "KHEDMAT_OIDC": "1",
    "OIDC_RP_CLIENT_ID": "khedmat",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://sso.example.ir/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://sso.example.ir/token",
    "OIDC_OP_USER_ENDPOINT": "https://sso.example.ir/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://sso.example.ir/jwks",
}
LDAP = {
    "KHEDMAT_LDAP": "1",
    "KHEDMAT_LDAP_URI": "ldaps://ldap.example.ir",
    "KHEDMAT_LDAP_USER_BASE": "ou=people,dc=example,dc=ir",
    "KHEDMAT_LDAP_GROUP_BASE": "ou=groups,dc=example,dc=ir",
    "KHEDMAT_LDAP_GROUPS": json.dumps(
        {"CN=Officers-101,ou=groups,dc=example,dc=ir": {"organization": "101", "roles": ["agency_officer"]}}
    ),
}


def _settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KHEDMAT_", "OIDC_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", READ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "khedmat.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_the_variables_only_the_desk_s_own_sign_in_is_on():
    read = json.loads(_settings().stdout)
    assert read["backends"] == ["axes.backends.AxesStandaloneBackend", "apps.accounts.auth.DeskBackend"]
    assert read["require_2fa"] is False


def test_the_variables_turn_on_oidc_ldap_and_the_second_factor():
    read = json.loads(
        _settings(
            **OIDC, **LDAP, KHEDMAT_OIDC_ROLES="Desk-Officer=agency_officer", KHEDMAT_REQUIRE_2FA="1"
        ).stdout
    )
    assert read["backends"][-2:] == [
        "apps.accounts.oidc.DeskOIDCBackend",
        "apps.accounts.ldap.DeskLDAPBackend",
    ]
    assert read["roles"] == {"Desk-Officer": "agency_officer"}
    assert read["groups"] == {
        "cn=officers-101,ou=groups,dc=example,dc=ir": {"organization": "101", "roles": ["agency_officer"]}
    }
    assert read["user_base"] == "ou=people,dc=example,dc=ir"
    assert read["require_2fa"] is True


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({**OIDC, "OIDC_RP_CLIENT_SECRET": ""}, "OIDC_RP_CLIENT_SECRET is required"),
        (
            {**OIDC, "OIDC_OP_TOKEN_ENDPOINT": "sso.example.ir/token"},
            "OIDC_OP_TOKEN_ENDPOINT must be an http(s)",
        ),
        ({**OIDC, "OIDC_RP_SIGN_ALGO": "HS256"}, "OIDC_RP_SIGN_ALGO"),
        ({**OIDC, "KHEDMAT_OIDC_ROLES": "Desk-Officer=officer"}, "KHEDMAT_OIDC_ROLES"),
        ({"KHEDMAT_OIDC": "maybe"}, "KHEDMAT_OIDC must be a boolean"),
        ({**LDAP, "KHEDMAT_LDAP_URI": "http://ldap.example.ir"}, "KHEDMAT_LDAP_URI must be ldap://"),
        ({**LDAP, "KHEDMAT_LDAP_GROUPS": "{not json"}, "KHEDMAT_LDAP_GROUPS must be JSON"),
        ({**LDAP, "KHEDMAT_LDAP_GROUPS": '{"cn=x": {"roles": ["chief"]}}'}, "the roles of 'cn=x'"),
        ({**LDAP, "KHEDMAT_LDAP_GROUPS": ""}, "KHEDMAT_LDAP_GROUPS is required"),
        ({**LDAP, "KHEDMAT_LDAP_GROUP_TYPE": "activeDirectory"}, "KHEDMAT_LDAP_GROUP_TYPE"),
        ({"KHEDMAT_REQUIRE_2FA": "sometimes"}, "KHEDMAT_REQUIRE_2FA must be a boolean"),
    ],
)
def test_a_wrong_value_stops_the_desk_and_names_the_variable(env, named):
    run = _settings(**env)
    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr and named in run.stderr
