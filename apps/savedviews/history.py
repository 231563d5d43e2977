"""What the audit history says of saving and sharing a list's view."""

from apps.workflow.history import register_label

register_label("savedviews.view.created", "نمای «{name}» را ذخیره کرد")
register_label("savedviews.view.renamed", "نام نمای «{from}» را به «{name}» تغییر داد")
register_label("savedviews.view.deleted", "نمای «{name}» را حذف کرد")
register_label("savedviews.view.default", "نمای «{name}» را نمای پیش‌فرض فهرست کرد")
register_label("savedviews.view.undefault", "نمای «{name}» را از پیش‌فرض بودن درآورد")
register_label("savedviews.view.shared", "نمای «{name}» را با همکاران به اشتراک گذاشت")
register_label("savedviews.view.unshared", "اشتراک نمای «{name}» را برداشت")
