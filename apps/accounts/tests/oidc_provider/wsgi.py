"""The provider's WSGI application; on start, its tables and the desk's registration as a client."""

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apps.accounts.tests.oidc_provider.settings")

from django.core.management import call_command
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()


def _register_the_desk() -> None:
    from oauth2_provider.models import Application

    from .seed import seed

    call_command("migrate", verbosity=0)
    client = seed()["client"]
    Application.objects.filter(client_id=client["id"]).delete()
    Application.objects.create(
        name="Khedmat",
        client_id=client["id"],
        client_secret=client["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    print(json.dumps({"provider": "ready"}), flush=True)


_register_the_desk()
