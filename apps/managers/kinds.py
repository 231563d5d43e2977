"""The document kinds service C issues."""

from apps.documents.kinds import register_kind

DECREE = register_kind("manager_decree", "حکم انتصاب مدیر")
