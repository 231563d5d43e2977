"""What the history says for service D's actions that are not a case's move (a cycle's and a nomination's
moves read from their processes in workflow.py)."""

from apps.workflow.history import fields, register_label

from .models import Body


def _body(verb: str):
    def phrase(entry) -> str:
        kind = fields(entry)["body"]
        label = Body.Kind(kind).label if kind in Body.Kind.values else kind
        return f"{verb} «{label}»"

    return phrase


register_label("evaluation.cycle.calendar_changed", "تقویم دورهٔ ارزیابی را تغییر داد")
register_label("evaluation.circular.attached", "بخشنامهٔ «{title}» را پیوست کرد")
register_label("evaluation.index.created", "شاخص {code} را تعریف کرد")
register_label("evaluation.cycle.cut_approved", "برش {indices} شاخص دوره را تأیید کرد")
register_label("evaluation.body.member_added", _body("عضوی را افزود به"))
register_label("evaluation.body.member_changed", _body("مشخصات عضوی را ویرایش کرد در"))
register_label("evaluation.body.member_removed", _body("عضوی را کنار گذاشت از"))
register_label("evaluation.session.created", "جلسهٔ «{title}» را تشکیل داد")
register_label("evaluation.session.attendance", "حضور و غیاب جلسه را ثبت کرد")
# Entries written before the nomination had its process (evaluation.nomination, read from its declaration).
register_label("evaluation.festival.nominated", "تیم «{team}» را به جشنوارهٔ شهید رجایی معرفی کرد")
register_label("evaluation.festival.decided", "دربارهٔ تیم معرفی‌شده به جشنواره تصمیم گرفت")
register_label("evaluation.objection.filed", "به امتیاز شاخص {index} اعتراض کرد")
register_label(
    "evaluation.objection.answered", "به اعتراض شاخص {index} پاسخ داد و امتیاز را از {from} به {to} رساند"
)
register_label("evaluation.cycle.bands_set", "مرزهای سطح‌بندی دوره را تعیین کرد")
register_label("evaluation.cycle.national_rank", "رتبهٔ {rank} از {of} استان را در ارزیابی ملی ثبت کرد")
register_label("evaluation.score.self_assessed", "در خودارزیابی به شاخص {index} امتیاز {self_score} داد")
register_label("evaluation.evidence.attached", "مستند شاخص {index} (نسخهٔ {version}) را پیوست کرد")
register_label("evaluation.self_assessment.reopened", "خودارزیابی را دوباره گشود")
register_label("evaluation.score.hq_recorded", "امتیاز ستاد برای شاخص {index} را {hq_score} ثبت کرد")
register_label("evaluation.score.evaluated", "به شاخص {index} امتیاز ارزیاب {evaluator_score} داد")
register_label("evaluation.evaluators.assigned", "ارزیابان دستگاه را تعیین کرد")
