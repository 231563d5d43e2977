"""The document kinds service C issues."""

from apps.documents.kinds import register_kind

DECREE = register_kind("manager_decree", "حکم انتصاب مدیر")
REPLACEMENT_NOTICE = register_kind("manager_replacement_notice", "اعلام کتبی تغییر مدیر در شش ماه نخست")
