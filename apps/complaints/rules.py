"""The numbers of issue 7 in one place: allowances, escalation, reopening, rating scale, uptime windows.

The seeds give the complaint procedure's steps (seed 002) but no allowance for them; the allowances
below are the desk's own promise, shown on the public service-level page like every other step's.
"""

# Working days the Organization has to pick up a new complaint and assign it.
COMPLAINT_ASSIGN_DAYS = 2
# Working days the assigned expert has to answer.
COMPLAINT_ANSWER_DAYS = 5
# Working days the group head, and then the deputy, have once a complaint is escalated to them.
COMPLAINT_ESCALATED_DAYS = 2
# A complaint escalates once it is this many working days past its due date (due today is not late).
ESCALATE_AFTER_LATE_DAYS = 1
# The complainant may reopen an answered complaint this many times.
MAX_REOPENS = 1
# Scores of the answer rating and of the satisfaction survey.
SCORE_MIN, SCORE_MAX = 1, 5
# The percentile of working days taken shown beside the median on the service-level pages.
SERVICE_LEVEL_PERCENTILE = 90
# The windows, in days, over which the availability page reports the desk's uptime.
UPTIME_WINDOWS_DAYS = (1, 7, 30)
