"""A small OpenID Connect provider for the tests: django-oauth-toolkit with OIDC on, in its own process.

The tests start it with gunicorn on a free port (`apps/accounts/tests/servers.py`). Its people, their
passwords and claims are read from a JSON file the tests write (OIDC_PROVIDER_SEED), at every sign-in and
every token, so each test says who exists and what the provider says about them.
"""
