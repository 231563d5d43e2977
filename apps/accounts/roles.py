"""The roles a user may hold, and which kind of organization each belongs to."""

from django.db import models


class OrgKind(models.TextChoices):
    NATIONAL = "national", "نهاد ملی"
    PROVINCE = "province", "سازمان مدیریت و برنامه‌ریزی استان"
    AGENCY = "agency", "دستگاه اجرایی"


class Role(models.TextChoices):
    ORG_EXPERT = "org_expert", "کارشناس سازمان"
    ORG_GROUP_HEAD = "org_group_head", "رئیس گروه"
    ORG_DEPUTY = "org_deputy", "معاون توسعه مدیریت و سرمایه انسانی"
    ORG_HEAD = "org_head", "رئیس سازمان"
    AGENCY_OFFICER = "agency_officer", "کارشناس رابط دستگاه"
    AGENCY_HEAD = "agency_head", "بالاترین مقام دستگاه"
    AGENCY_HR = "agency_hr", "کارگزینی دستگاه"
    AGENCY_COUNCIL_SECRETARY = "agency_council_secretary", "دبیر شورای تحول اداری دستگاه"
    NATIONAL_OFFICER = "national_officer", "کارشناس سازمان اداری و استخدامی کشور"
    SUPERVISOR = "supervisor", "ناظر"
    LEARNER = "learner", "فراگیر"
    EVALUATOR = "evaluator", "ارزیاب"
    COUNCIL_MEMBER = "council_member", "عضو شورا"


ORG_ROLES = frozenset({Role.ORG_EXPERT, Role.ORG_GROUP_HEAD, Role.ORG_DEPUTY, Role.ORG_HEAD})
AGENCY_ROLES = frozenset(
    {Role.AGENCY_OFFICER, Role.AGENCY_HEAD, Role.AGENCY_HR, Role.AGENCY_COUNCIL_SECRETARY}
)
NATIONAL_ROLES = frozenset({Role.NATIONAL_OFFICER})
# Individuals act for themselves and may belong to any organization.
PERSONAL_ROLES = frozenset({Role.SUPERVISOR, Role.LEARNER, Role.EVALUATOR, Role.COUNCIL_MEMBER})

ROLES_BY_KIND = {
    OrgKind.PROVINCE: ORG_ROLES | PERSONAL_ROLES,
    OrgKind.AGENCY: AGENCY_ROLES | PERSONAL_ROLES,
    OrgKind.NATIONAL: NATIONAL_ROLES | PERSONAL_ROLES,
}


def role_label(code: str) -> str:
    try:
        return Role(code).label
    except ValueError:
        return code
