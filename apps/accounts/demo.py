"""The demo province: the Organization with its Deputy's groups, the national body, 75 agencies, named users."""

import csv
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from apps.core.demo import DemoWorld
from apps.core.national_id import national_id_with_checksum

from .models import Organization, OrgUnit, User
from .roles import OrgKind, Role

AGENCIES_CSV = Path(__file__).parent / "data" / "agencies_khuzestan.csv"
DEMO_PASSWORD = "Khedmat@1405"

UNITS = (
    ("management", "گروه توسعه مدیریت"),
    ("training", "گروه آموزش و توانمندسازی"),
    ("budget", "گروه بودجه و تشکیلات"),
)
FIRST_NAMES = ("مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "رضا", "نرگس", "مهدی", "لیلا", "امید")
LAST_NAMES = (
    "احمدی",
    "موسوی",
    "کریمی",
    "حسینی",
    "رضایی",
    "جعفری",
    "بهبهانی",
    "دزفولی",
    "شوشتری",
    "عباسی",
    "نوروزی",
    "صالحی",
    "کاظمی",
    "رحیمی",
    "یزدانی",
)

# username, role, unit code, title — the Organization's staff.
ORG_STAFF = (
    ("expert", Role.ORG_EXPERT, "management", "کارشناس توسعه مدیریت"),
    ("trainer", Role.ORG_EXPERT, "training", "کارشناس آموزش"),
    ("grouphead", Role.ORG_GROUP_HEAD, "management", "رئیس گروه توسعه مدیریت"),
    ("deputy", Role.ORG_DEPUTY, None, "معاون توسعه مدیریت و سرمایه انسانی"),
    ("head", Role.ORG_HEAD, None, "رئیس سازمان"),
    ("evaluator", Role.EVALUATOR, "management", "عضو تیم ارزیاب"),
)
AGENCY_STAFF = (
    ("officer", Role.AGENCY_OFFICER, "کارشناس رابط"),
    ("agencyhead", Role.AGENCY_HEAD, "مدیرکل"),
    ("hr", Role.AGENCY_HR, "مسئول کارگزینی"),
    ("secretary", Role.AGENCY_COUNCIL_SECRETARY, "دبیر شورای تحول اداری"),
    ("supervisor", Role.SUPERVISOR, "ناظر آزمون"),
    ("learner", Role.LEARNER, "کارمند"),
    ("council", Role.COUNCIL_MEMBER, "عضو شورای تحول اداری"),
)


def agency_rows(limit: int | None = None) -> list[dict]:
    with AGENCIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


class _People:
    """Deterministic names, national IDs and mobiles, so every run of the demo looks the same."""

    def __init__(self, password_hash: str):
        self.n = 0
        self.password_hash = password_hash

    def user(self, *, username, organization, roles, unit=None, title="") -> User:
        self.n += 1
        n = self.n
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[(n * 7) % len(LAST_NAMES)],
                "email": f"{username}@khedmat.example.org",
                "organization": organization,
                "unit": unit,
                "roles": [str(r) for r in roles],
                "title": title,
                "national_id": national_id_with_checksum(f"{170000000 + n * 1013:09d}"),
                "mobile": f"0916{n:07d}",
                "password": self.password_hash,
                "is_active": True,
            },
        )
        return user


@transaction.atomic
def world_build(*, agencies: list[dict], password: str = DEMO_PASSWORD, suffix: str = "") -> DemoWorld:
    """Creates (or refreshes) the organizations and people of the demo; safe to run again."""
    people = _People(make_password(password))
    province, _ = Organization.objects.update_or_create(
        code="P" + suffix,
        defaults={"kind": OrgKind.PROVINCE, "name": "سازمان مدیریت و برنامه‌ریزی استان خوزستان"},
    )
    national, _ = Organization.objects.update_or_create(
        code="N" + suffix, defaults={"kind": OrgKind.NATIONAL, "name": "سازمان اداری و استخدامی کشور"}
    )
    units = {
        code: OrgUnit.objects.update_or_create(organization=province, code=code, defaults={"name": name})[0]
        for code, name in UNITS
    }
    world = DemoWorld(province=province, national=national)
    for username, role, unit, title in ORG_STAFF:
        world.org_staff.setdefault(
            role,
            people.user(
                username=username + suffix,
                organization=province,
                roles=[role],
                unit=units.get(unit),
                title=title,
            ),
        )
    world.national_staff[Role.NATIONAL_OFFICER] = people.user(
        username="national" + suffix,
        organization=national,
        roles=[Role.NATIONAL_OFFICER],
        title="کارشناس سازمان اداری و استخدامی کشور",
    )
    for row in agencies:
        agency, _ = Organization.objects.update_or_create(
            code=row["code"] + suffix,
            defaults={
                "kind": OrgKind.AGENCY,
                "name": row["name"],
                "category": row.get("kind", ""),
                "evaluation_group": row.get("evaluation_group", ""),
            },
        )
        world.agency_users[agency.id] = {
            role: people.user(
                username=f"{prefix}{row['code']}{suffix}", organization=agency, roles=[role], title=title
            )
            for prefix, role, title in AGENCY_STAFF
        }
    return world


def demo_logins(world: DemoWorld, *, first_agency_id: int) -> list[tuple[str, str]]:
    """(title, username) of the Organization's and the national body's people and of one agency's, for
    the serve command to print: every staff member, since two may share a role (the training expert)."""
    staff = User.objects.filter(organization__in=[world.province, world.national]).order_by("pk")
    people = [(user.title or user.role_labels[0], user.username) for user in staff]
    people += [
        (Role(role).label, user.username) for role, user in world.agency_users[first_agency_id].items()
    ]
    return people
