"""scripts/backup.sh and scripts/restore.sh, run for real (issue 26, item 5): a case with an attachment and its
audit chain are dumped with the media, restored into a fresh database and a fresh MEDIA_ROOT, and the copy
holds the same rows, the same files byte for byte, and an audit chain that `audit_verify` accepts; a dump
with one byte changed, and a target database that is not empty, are refused."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.support.services import fault_report_file
from apps.workflow.models import Case, CaseAttachment
from apps.workflow.services import attachment_add, perform

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SCRIPTS = Path(settings.BASE_DIR) / "scripts"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _connect(dbname: str) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def _drop(name: str) -> None:
    with _connect(connection.settings_dict["NAME"]) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _exists(name: str) -> bool:
    with _connect(connection.settings_dict["NAME"]) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _rows(dbname: str, table: str) -> list[tuple]:
    with _connect(dbname) as conn:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()


def _count(dbname: str, table: str) -> int:
    with _connect(dbname) as conn:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def script_env(transactional_db):
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.fail("run on PostgreSQL: the scripts call pg_dump and pg_restore")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "MEDIA_ROOT") and not key.startswith("PG")
    }
    env.update(
        DATABASE_URL=f"postgres://{quote(db['USER'])}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        PYTHON=sys.executable,
    )
    return env


@pytest.fixture
def restored_names(script_env):
    base = connection.settings_dict["NAME"][:50]
    names = {"restored": f"{base}_restored", "tampered": f"{base}_tampered"}
    for name in names.values():
        _drop(name)
    yield names
    for name in names.values():
        _drop(name)


def _run(script: str, *args, env: dict, media: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPTS / script), *map(str, args)],
        env={**env, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backup_restores_into_a_fresh_database_whole_and_a_changed_byte_is_refused(
    script_env, restored_names, tmp_path, agency_officer, org_expert
):
    case = fault_report_file(
        actor=agency_officer, category="page", description="پس از ثبت، فرم دوباره خالی نمایش داده می‌شود."
    )
    attachment_add(
        case=case,
        actor=agency_officer,
        title="تصویر صفحه",
        uploaded_file=SimpleUploadedFile("screen.png", PNG_BYTES, content_type="image/png"),
    )
    attachment_add(
        case=case,
        actor=agency_officer,
        title="نامهٔ اداره",
        uploaded_file=SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    perform(case, "resolve", actor=org_expert, reason="خطا برطرف شد.")
    assert audit_verify() is None
    source = connection.settings_dict["NAME"]
    media = Path(settings.MEDIA_ROOT)
    source_files = _files(media)
    assert len(source_files) == 2

    # A wrong MEDIA_ROOT stops the backup before anything is written.
    backups = tmp_path / "backups"
    done = _run("backup.sh", backups, env=script_env, media=tmp_path / "no-such-folder")
    assert done.returncode != 0 and "is not a folder" in done.stderr
    assert not backups.exists()

    # Backup.
    done = _run("backup.sh", backups, env=script_env, media=media)
    assert done.returncode == 0, done.stderr
    assert "==> dumping the database" in done.stdout and "==> archiving MEDIA_ROOT" in done.stdout
    folder = Path(done.stdout.strip().splitlines()[-1])
    assert folder.parent == backups and folder.name.startswith("khedmat-")
    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "backup.info", "db.dump", "media.tar"]
    assert [p.name for p in backups.iterdir()] == [folder.name]  # nothing partial left behind

    # Restore into a fresh database and a fresh MEDIA_ROOT.
    restored_media = tmp_path / "restored-media"
    name = restored_names["restored"]
    done = _run("restore.sh", folder, name, env=script_env, media=restored_media)
    assert done.returncode == 0, done.stdout + done.stderr
    for step in (
        "1. checking",
        "2. checking",
        "3. restoring",
        "4. unpacking",
        "5. manage.py",
        "6. manage.py",
    ):
        assert f"==> {step}" in done.stdout
    entries = AuditEntry.objects.count()
    assert f"audit chain intact: {entries} entries" in done.stdout
    assert done.stdout.strip().splitlines()[-1].endswith(f"/{name}")

    for model in (Case, CaseAttachment, AuditEntry):
        table = model._meta.db_table
        assert _rows(name, table) == _rows(source, table), table
    assert entries >= 4
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            table = model._meta.db_table
            assert _count(name, table) == _count(source, table), table
    assert _files(restored_media) == source_files
    for attachment in CaseAttachment.objects.all():
        assert (restored_media / attachment.file.name).read_bytes() == attachment.file.read()

    # A target that already holds tables is refused, before anything is written to it.
    done = _run("restore.sh", folder, source, env=script_env, media=tmp_path / "media-2")
    assert done.returncode != 0
    assert "is not empty" in done.stderr
    assert _count(source, AuditEntry._meta.db_table) == entries

    # So is a MEDIA_ROOT that already holds files.
    done = _run("restore.sh", folder, restored_names["tampered"], env=script_env, media=media)
    assert done.returncode != 0 and "is not empty" in done.stderr
    assert not _exists(restored_names["tampered"])

    # One byte changed in the dump: the manifest check refuses it and no database is created.
    dump = folder / "db.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0x01
    dump.write_bytes(bytes(data))
    done = _run("restore.sh", folder, restored_names["tampered"], env=script_env, media=tmp_path / "media-3")
    assert done.returncode != 0
    assert "db.dump: FAILED" in done.stdout and "does not match its manifest" in done.stderr
    assert not _exists(restored_names["tampered"])
    assert not (tmp_path / "media-3").exists()
