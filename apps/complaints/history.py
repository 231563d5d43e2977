"""What the case history says for a complaint's rating and a case's satisfaction survey."""

from apps.workflow.history import register_label

register_label("complaints.complaint.rated", "به پاسخ شکایت امتیاز {rating} از ۵ داد")
register_label("complaints.satisfaction.recorded", "در نظرسنجی رضایت، امتیاز {score} را ثبت کرد")
