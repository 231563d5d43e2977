"""What the history says for service B's actions that are not a case's move."""

from apps.workflow.history import fields, register_label

from .models import CourseSession


def _session(entry) -> str:
    state = entry.action.rsplit(".", 1)[1]
    label = CourseSession.State(state).label if state in CourseSession.State.values else state
    return f"وضعیت اجرای دورهٔ «{fields(entry)['course']}» را «{label}» کرد"


register_label(
    "training.course.published", "دورهٔ «{title}» ({hours} ساعت) را در تقویم آموزشی سال {year} منتشر کرد"
)
register_label("training.evaluation.filled", "فرم ارزیابی دوره را پر کرد")
register_label("training.survey.filled", "نظرسنجی رضایت از دوره را پر کرد")
register_label("training.session.topped_up", "{people} نفر از {requests} درخواست را به اجرای دوره افزود")
register_label("training.attendance.recorded", "حضور و غیاب اجرای دوره را ثبت کرد")
register_label("training.scores.recorded", "نمره‌های آزمون دوره را ثبت کرد")
# After the fixed names: the session's own moves, one per state (training.session.announced, …).
register_label("training.session.*", _session)
