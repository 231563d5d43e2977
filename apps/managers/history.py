"""What the history says for service C's actions that are not a case's move."""

from apps.workflow.history import register_label

register_label("managers.profile.created", "سابقهٔ مدیریتی «{full_name}» را در بانک مدیران ثبت کرد")
register_label("managers.profile.updated", "سابقهٔ مدیریتی «{full_name}» را ویرایش کرد")
register_label("managers.profile.published", "سابقهٔ مدیر را در کانون ملی منتشر کرد")
register_label("managers.profile.withdrawn", "سابقهٔ مدیر را از کانون ملی برداشت")
register_label("managers.profile.adopted", "مدیری را از کانون ملی به بانک مدیران دستگاه افزود")
register_label("managers.profile.job_added", "سابقهٔ شغلی «{title}» ({months} ماه) را افزود")
register_label("managers.profile.imported", "{rows} ردیف بانک مدیران را از پرونده وارد کرد")
register_label("managers.post.created", "پست مدیریتی شمارهٔ {number} را تعریف کرد")
register_label("managers.post.updated", "پست مدیریتی شمارهٔ {number} را ویرایش کرد")
register_label("managers.rules.saved", "ضوابط انتصاب دستگاه را ذخیره کرد")
register_label("managers.candidate.added", "«{name}» را با اولویت {priority} نامزد کرد")
register_label("managers.candidate.removed", "«{name}» را از نامزدها کنار گذاشت")
register_label("managers.candidate.checked", "شرایط «{name}» را بررسی کرد")
register_label("managers.candidate.scored", "امتیاز نهایی فرم ۴ را {final_score} از ۱۰۰ ثبت کرد")
register_label("managers.session.recorded", "جلسهٔ شمارهٔ {number} شورا را با {attendees} حاضر ثبت کرد")
register_label("managers.evaluation.recorded", "ارزیابی سال {year} مدیر را با امتیاز {score} ثبت کرد")
register_label("managers.hearing.requested", "درخواست جلسهٔ استماع کرد")
register_label("managers.hearing.scheduled", "جلسهٔ استماع را در جلسهٔ شمارهٔ {session} شورا گذاشت")
