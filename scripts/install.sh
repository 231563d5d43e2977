#!/usr/bin/env bash
# Installs what the desk needs, and only what is missing, so it is safe to run again:
# Debian libraries (as root: Pango, OpenLDAP's headers and slapd), Python packages from uv.lock into .venv, front-end assets from
# package-lock.json copied into static. `--browser` also installs Debian's Chromium for browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
[[ "${1:-}" == "--browser" ]] && with_browser=1

say() { printf '==> %s\n' "$*"; }
die() { printf 'install: %s\n' "$*" >&2; exit 1; }

apt_updated=0
apt_install() {
    if [[ $(id -u) -ne 0 ]]; then
        say "not root: install these Debian packages yourself: $*"
        return 1
    fi
    if [[ $apt_updated -eq 0 ]]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# WeasyPrint renders the PDFs through Pango, and subsets their fonts with HarfBuzz's subsetter (without it,
# it falls back to fontTools, slower, with a warning for every document). python-ldap (LDAP sign-in)
# compiles against OpenLDAP's and SASL's headers, with gcc; the tests start a real slapd, loaded with
# ldap-utils' slapadd/ldapsearch.
missing=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libldap2-dev libsasl2-dev gcc libc6-dev \
    slapd ldap-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    # slapd asks no questions when installed non-interactively; its own service is not needed (the tests
    # start theirs on a free port), and Debian leaves it stopped in a container.
    apt_install "${missing[@]}" || say "warning: PDFs, LDAP sign-in and its tests need ${missing[*]}"
fi
if [[ $with_browser -eq 1 && ! -x /usr/bin/chromium ]]; then
    apt_install chromium || say "warning: browser tests need /usr/bin/chromium"
fi

# Python 3.11 as pyproject.toml asks: pyenv's first, whose pip may install; a shim may point at another
# version, so ask each candidate which it is.
python=""
for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.11*/bin/python3.11 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        python=$("$candidate" -c 'import sys; print(sys.executable)')
        break
    fi
done
[[ -n "$python" ]] || die "Python 3.11 not found"
# python-ldap has no wheel: it compiles against this Python's headers, which Debian's Python keeps apart.
include=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
if [[ ! -f "$include/Python.h" ]]; then
    apt_install python3-dev || say "warning: python-ldap needs Python.h (apt-get install python3-dev)"
fi

if command -v uv >/dev/null 2>&1; then
    uv=(uv)
elif "$python" -m uv --version >/dev/null 2>&1 || "$python" -m pip install --quiet uv 2>/dev/null; then
    uv=("$python" -m uv)
else
    # A Python whose packages are Debian's refuses pip (PEP 668): keep uv in a venv of its own.
    tools="$HOME/.cache/khedmat-uv"
    [[ -x "$tools/bin/uv" ]] || { "$python" -m venv "$tools" && "$tools/bin/pip" install --quiet uv; } ||
        die "could not install uv: pip install uv, then run this again"
    uv=("$tools/bin/uv")
fi
say "Python packages from uv.lock into .venv"
# Never let uv fetch a Python build of its own: the machine's 3.11 is the one to use. Compile the
# bytecode now: where PYTHONDONTWRITEBYTECODE is set, nothing else would, and every process would
# compile each module it imports from source again (4 s to start the desk, 0.3 s more for a web
# worker's first request).
UV_PYTHON_DOWNLOADS=never "${uv[@]}" sync --frozen --python "$python" --quiet --compile-bytecode

# npm ci wipes node_modules, so run it only when the lock file changed since the last run.
stamp=node_modules/.khedmat-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 with npm"
    say "front-end assets from package-lock.json (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" >"$stamp"
fi
.venv/bin/python manage.py vendor_assets
# whitenoise warns at every start when STATIC_ROOT is missing; collectstatic fills it in production.
mkdir -p staticfiles
