"""What the history says for service A's actions that are not a case's move."""

from apps.workflow.history import register_label

# A round's creation and moves (recruitment.round.created, recruitment.round.stage) read from its process.
register_label("recruitment.round.announced", "آگهی دورهٔ جذب و تاریخ آزمون را اعلام کرد")
register_label("recruitment.quota.added", "{rows} ردیف سهمیه با {posts} مجوز استخدام ثبت کرد")
register_label("recruitment.quota.allocated", "سهمیهٔ تخصیص‌یافته را از {from} به {to} تغییر داد")
register_label("recruitment.venue.added", "حوزهٔ آزمون «{name}» با ظرفیت {capacity} نفر را افزود")
register_label("recruitment.report.filed", "گزارش حوزهٔ آزمون را با {present} حاضر و {absent} غایب ثبت کرد")
register_label("recruitment.report.sent", "گزارش {venues} حوزهٔ آزمون را ارسال کرد")
register_label("recruitment.results.published", "نتایج آزمون ({rows} ردیف) را منتشر کرد")
register_label("recruitment.panel.created", "هیئت مصاحبهٔ «{title}» را تشکیل داد")
# Before a candidate's outcome was declared (recruitment.candidate.pass / .fail read from its process).
register_label("recruitment.candidate.interviewed", "نتیجهٔ مصاحبهٔ داوطلب را با امتیاز {score} ثبت کرد")
register_label("recruitment.supervisor.added", "ناظر «{name}» را افزود")
register_label("recruitment.supervisor.nominated", "ناظر «{supervisor}» را برای حوزهٔ «{venue}» معرفی کرد")
register_label("recruitment.hire.updated", "پروندهٔ استخدام را ویرایش کرد")
register_label("recruitment.hire.document", "مدرک «{title}» را به پروندهٔ استخدام پیوست کرد")
