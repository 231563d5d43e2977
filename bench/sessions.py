"""Prints `username sessionid` lines: a signed-in database session for each username given.

The load tools (wrk, schemathesis) send it as the `sessionid` cookie, as a browser would after signing in.
"""

import sys

from bench.djangosetup import setup

# A fixed CSRF secret the bench scripts send both as the cookie and as the X-CSRFToken header.
BENCH_CSRF = "benchcsrfbenchcsrfbenchcsrfbench"


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs people in with a password, as the login page would have recorded it.
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main(usernames: list[str]) -> None:
    setup()
    from apps.accounts.models import User

    for username in usernames:
        print(username, session_for(User.objects.get(username=username)))


if __name__ == "__main__":
    main(sys.argv[1:])
