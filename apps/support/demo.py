"""Demo fault reports of one agency, one in each state of the process."""

from apps.accounts.roles import Role
from apps.workflow.services import perform

from .services import fault_report_file

SCRIPTS = (
    ("login", "پس از تغییر گذرواژه، ورود با پیام خطا روبه‌رو می‌شود.", ()),
    ("page", "دکمه ثبت در فرم ثبت‌نام فراگیران کار نمی‌کند.", (("escalate", Role.ORG_EXPERT, ""),)),
    (
        "document",
        "فایل گواهی دوره بارگیری نمی‌شود.",
        (("return", Role.ORG_EXPERT, "لطفاً کد رهگیری گواهی و تصویر خطا را پیوست کنید."),),
    ),
    (
        "data",
        "نام دستگاه در سربرگ نامه‌ها نادرست است.",
        (("resolve", Role.ORG_EXPERT, "نام دستگاه در سامانه اصلاح شد."),),
    ),
    (
        "other",
        "درخواست افزودن کاربر تازه برای واحد آموزش.",
        (("reject", Role.ORG_EXPERT, "افزودن کاربر از مسیر درخواست حساب کاربری انجام می‌شود، نه گزارش خطا."),),
    ),
)


def build(world, agency) -> None:
    officer = world.agency_users[agency.id][Role.AGENCY_OFFICER]
    for category, description, steps in SCRIPTS:
        case = fault_report_file(actor=officer, category=category, description=description)
        for action, role, reason in steps:
            case = perform(case, action, actor=world.org_staff[role], reason=reason)
