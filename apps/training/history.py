"""What the history says for service B's actions that are not a case's move."""

from apps.workflow.history import register_label

register_label(
    "training.course.published", "دورهٔ «{title}» ({hours} ساعت) را در تقویم آموزشی سال {year} منتشر کرد"
)
register_label("training.evaluation.filled", "فرم ارزیابی دوره را پر کرد")
register_label("training.survey.filled", "نظرسنجی رضایت از دوره را پر کرد")
register_label("training.attendance.recorded", "حضور و غیاب اجرای دوره را ثبت کرد")
register_label("training.scores.recorded", "نمره‌های آزمون دوره را ثبت کرد")
