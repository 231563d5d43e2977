"""Fixtures of the sign-in tests: a real slapd loaded with the province's directory, a real OpenID Connect
provider, and the desk's settings that point at them."""

import pytest

from apps.accounts.roles import Role

from .servers import (
    LDAP_ADMIN_DN,
    LDAP_ADMIN_PASSWORD,
    LDAP_GROUPS,
    LDAP_PEOPLE,
    LDAP_SUFFIX,
    LdapServer,
    OidcProvider,
)

DIRECTORY_PASSWORD = "Ramz-Fehrest-1405"


def _person(uid: str, given: str, sn: str, national_id: str = "", mobile: str = "") -> tuple:
    attrs = {
        "objectClass": ["inetOrgPerson"],
        "uid": uid,
        "cn": f"{given} {sn}",
        "givenName": given,
        "sn": sn,
        "mail": f"{uid}@khuzestan.example.ir",
        "userPassword": DIRECTORY_PASSWORD,
    }
    if national_id:
        attrs["employeeNumber"] = national_id
    if mobile:
        attrs["mobile"] = mobile
    return (f"uid={uid},{LDAP_PEOPLE}", attrs)


def _group(cn: str, *uids: str) -> tuple:
    return (
        f"cn={cn},{LDAP_GROUPS}",
        {"objectClass": ["groupOfNames"], "cn": cn, "member": [f"uid={u},{LDAP_PEOPLE}" for u in uids]},
    )


# The province's directory as the tests find it. National IDs are valid ones (check digit included).
DIRECTORY = [
    (LDAP_SUFFIX, {"objectClass": ["dcObject", "organization"], "dc": "khedmat", "o": "Khedmat"}),
    (LDAP_PEOPLE, {"objectClass": ["organizationalUnit"], "ou": "people"}),
    (LDAP_GROUPS, {"objectClass": ["organizationalUnit"], "ou": "groups"}),
    _person("rahimi", "علی", "رحیمی", national_id="0012345679", mobile="0916 123 4567"),
    _person("karimi", "مریم", "کریمی", national_id="0499370899", mobile="+989161112233"),
    _person("nazari", "زهرا", "نظری"),
    _person("stranger", "بهرام", "بیگانه"),
    _person("twohats", "کاوه", "دوکاره"),
    _group("agency-101-officers", "rahimi", "twohats"),
    _group("agency-102-officers", "twohats"),
    _group("province-deputy", "karimi"),
    _group("province-staff", "nazari"),
    _group("training-experts", "nazari"),
    _group("library-users", "stranger", "rahimi"),
]

LDAP_GROUP_GRANTS = {
    f"cn=agency-101-officers,{LDAP_GROUPS}": {"organization": "101", "roles": [Role.AGENCY_OFFICER.value]},
    f"cn=agency-102-officers,{LDAP_GROUPS}": {"organization": "102", "roles": [Role.AGENCY_OFFICER.value]},
    f"cn=province-deputy,{LDAP_GROUPS}": {"organization": "P", "roles": [Role.ORG_DEPUTY.value]},
    f"cn=province-staff,{LDAP_GROUPS}": {"organization": "P"},
    f"cn=training-experts,{LDAP_GROUPS}": {"unit": "training", "roles": [Role.ORG_EXPERT.value]},
}


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    server = LdapServer(tmp_path_factory.mktemp("slapd"), DIRECTORY)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def ldap_sign_in(settings, slapd):
    """The desk as a province running LDAP sign-in configures it (the variables of docs/production.md)."""
    import ldap
    from django_auth_ldap.config import GroupOfNamesType, LDAPSearch

    settings.KHEDMAT_LDAP = True
    settings.AUTH_LDAP_SERVER_URI = slapd.uri
    settings.AUTH_LDAP_BIND_DN = LDAP_ADMIN_DN
    settings.AUTH_LDAP_BIND_PASSWORD = LDAP_ADMIN_PASSWORD
    settings.AUTH_LDAP_USER_SEARCH = LDAPSearch(LDAP_PEOPLE, ldap.SCOPE_SUBTREE, "(uid=%(user)s)")
    settings.AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
        LDAP_GROUPS, ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"
    )
    settings.AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
    settings.AUTH_LDAP_USER_ATTR_MAP = {}
    settings.KHEDMAT_LDAP_GROUPS = {dn.lower(): grants for dn, grants in LDAP_GROUP_GRANTS.items()}
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "apps.accounts.ldap.DeskLDAPBackend",
    ]
    return slapd


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    provider = OidcProvider(tmp_path_factory.mktemp("oidc-provider"))
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_sign_in(settings, oidc_provider):
    """The desk pointed at the local provider, as the variables of docs/production.md would point it."""
    settings.KHEDMAT_OIDC = True
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = oidc_provider.endpoint("authorize")
    settings.OIDC_OP_TOKEN_ENDPOINT = oidc_provider.endpoint("token")
    settings.OIDC_OP_USER_ENDPOINT = oidc_provider.endpoint("userinfo")
    settings.OIDC_OP_JWKS_ENDPOINT = oidc_provider.url + "/o/.well-known/jwks.json"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid profile email phone"
    settings.OIDC_TIMEOUT = 10
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "apps.accounts.oidc.DeskOIDCBackend",
    ]
    oidc_provider.people({})
    return oidc_provider
