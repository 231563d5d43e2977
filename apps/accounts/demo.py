"""The demo provinces: each Organization with its Deputy's groups and agencies, the national body, named users."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from apps.core.demo import DemoWorld
from apps.core.national_id import national_id_with_checksum

from .models import Organization, OrgUnit, Province, User
from .roles import OrgKind, Role

DATA = Path(__file__).parent / "data"
AGENCIES_CSV = DATA / "agencies_khuzestan.csv"
DEMO_PASSWORD = "Khedmat@1405"


@dataclass(frozen=True)
class DemoProvince:
    """A province of the demo: `tag` starts its people's usernames and its Organization's code (empty for the
    first, whose logins stay the ones the README gives); `people_from` keeps its people's national IDs apart."""

    code: str
    name: str
    tracking_prefix: str
    tag: str
    agencies_csv: Path
    people_from: int

    @property
    def organization_name(self) -> str:
        return f"سازمان مدیریت و برنامه‌ریزی استان {self.name}"


KHUZESTAN = DemoProvince("khuzestan", "خوزستان", "11", "", AGENCIES_CSV, 0)
# The second, smaller province: three agencies, so the demo and the walk show two provinces side by side.
ILAM = DemoProvince("ilam", "ایلام", "12", "ilam-", DATA / "agencies_ilam.csv", 50_000)

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


def agency_rows(limit: int | None = None, *, province: DemoProvince = KHUZESTAN) -> list[dict]:
    with province.agencies_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


class _People:
    """Deterministic names, national IDs and mobiles, so every run of the demo looks the same."""

    def __init__(self, password_hash: str, start: int = 0):
        self.n = start
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
def world_build(
    *,
    agencies: list[dict],
    password: str = DEMO_PASSWORD,
    suffix: str = "",
    province: DemoProvince = KHUZESTAN,
) -> DemoWorld:
    """Creates (or refreshes) one province's organizations and people, and the national body; safe to run
    again, and once for each province."""
    people = _People(make_password(password), province.people_from)
    # A test's world (a suffix) shares the province with the tests' other organizations.
    region, _ = Province.objects.update_or_create(
        code=province.code, defaults={"name": province.name, "tracking_prefix": province.tracking_prefix}
    )
    organization, _ = Organization.objects.update_or_create(
        code=f"P{province.tag.rstrip('-')}{suffix}",
        defaults={"kind": OrgKind.PROVINCE, "name": province.organization_name, "province": region},
    )
    national, _ = Organization.objects.update_or_create(
        code="N" + suffix,
        defaults={"kind": OrgKind.NATIONAL, "name": "سازمان اداری و استخدامی کشور", "province": None},
    )
    units = {
        code: OrgUnit.objects.update_or_create(organization=organization, code=code, defaults={"name": name})[
            0
        ]
        for code, name in UNITS
    }
    world = DemoWorld(province=organization, national=national)
    for username, role, unit, title in ORG_STAFF:
        world.org_staff.setdefault(
            role,
            people.user(
                username=province.tag + username + suffix,
                organization=organization,
                roles=[role],
                unit=units.get(unit),
                title=title,
            ),
        )
    # One national body for every province: the first province's build makes its officer. Its number is
    # taken either way, so every run gives everyone the same national ID.
    national_username = "national" + suffix
    officer = User.objects.filter(username=national_username, organization=national).first()
    if officer is None or not province.people_from:
        officer = people.user(
            username=national_username,
            organization=national,
            roles=[Role.NATIONAL_OFFICER],
            title="کارشناس سازمان اداری و استخدامی کشور",
        )
    else:
        people.n += 1
    world.national_staff[Role.NATIONAL_OFFICER] = officer
    for row in agencies:
        agency, _ = Organization.objects.update_or_create(
            code=row["code"] + suffix,
            defaults={
                "kind": OrgKind.AGENCY,
                "name": row["name"],
                "category": row.get("kind", ""),
                "evaluation_group": row.get("evaluation_group", ""),
                "province": region,
            },
        )
        world.agency_users[agency.id] = {
            role: people.user(
                username=f"{prefix}{row['code']}{suffix}".lower(),
                organization=agency,
                roles=[role],
                title=title,
            )
            for prefix, role, title in AGENCY_STAFF
        }
    return world


def demo_logins(
    world: DemoWorld, *, first_agency_id: int, with_national: bool = True
) -> list[tuple[str, str]]:
    """(title, username) of the Organization's and the national body's people and of one agency's, for
    the serve command to print: every staff member, since two may share a role (the training expert)."""
    organizations = [world.province, world.national] if with_national else [world.province]
    staff = User.objects.filter(organization__in=organizations).order_by("pk")
    people = [(user.title or user.role_labels[0], user.username) for user in staff]
    people += [
        (Role(role).label, user.username) for role, user in world.agency_users[first_agency_id].items()
    ]
    return people
