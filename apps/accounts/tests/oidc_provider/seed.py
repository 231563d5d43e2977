"""The provider's people, from the JSON file the tests write: who may sign in, and the claims about them."""

import json
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from oauth2_provider.oauth2_validators import OAuth2Validator


def seed() -> dict:
    with open(os.environ["OIDC_PROVIDER_SEED"], encoding="utf-8") as f:
        return json.load(f)


class SeedBackend(ModelBackend):
    """Signs in whoever the seed file names with that password; their provider account is made on the way."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        person = seed()["people"].get(username or "")
        if person is None or person["password"] != password:
            return None
        user, _ = get_user_model().objects.get_or_create(username=username)
        return user


class ClaimsValidator(OAuth2Validator):
    # Every claim goes to the desk whatever the scope, the desk's own (organization_code, roles, unit…) too.
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        return seed()["people"][request.user.username]["claims"]
