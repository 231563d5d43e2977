"""The numbers of service A, each named once: the services enforce them and the tests quote them."""

from apps.accounts.roles import Role

# The hire file's process and who acts for the agency in it: named here, below the process's declaration
# (`workflow.py`, whose guards call the services), so the services and the permission table can name them.
HIRE_PROCESS_NAME = "recruitment.hire"
AGENCY_ACTORS = (Role.AGENCY_OFFICER, Role.AGENCY_HR)
# The round's lifecycle (steps 1–7, `workflow.py`), named here for the services that move it; every move
# of a round keeps the trail's one name, recruitment.round.stage, with its from and to stages.
ROUND_PROCESS_NAME = "recruitment.round"
ROUND_EVENT = "stage"
# A candidate's outcome (initial → final or not accepted at the interview): a step of the round, kept by
# the workflow core without a case per candidate (150,000 a province).
CANDIDATE_PROCESS_NAME = "recruitment.candidate"

# Legal shares of every job-location (شغل محل): Article 21 of the law supporting veterans, and the
# law protecting the rights of people with disabilities.
VETERANS_SHARE_PERCENT = 30
DISABLED_SHARE_PERCENT = 3

# Working days each party has at each step of a hire file (the seed leaves durations "variable";
# these are the Organization's own service levels).
AGENCY_DRAFT_DAYS = 5
DEPUTY_REVIEW_DAYS = 5
AGENCY_FIX_DAYS = 5
NATIONAL_APPROVAL_DAYS = 10

# The documents every hire file carries before it is sent to the Deputy (seed 001: an agency gives its
# documents through the system only). Each round may ask for more (RoundDocument). Code -> title.
HIRE_BASE_DOCUMENTS = {
    "degree": "تصویر مدرک تحصیلی (دانشنامه یا گواهی موقت)",
    "national_card": "تصویر کارت ملی",
}
# A round's own list stays short enough to read on the file's page.
ROUND_DOCUMENTS_MAX = 10

# Working days the round may stay at each stage before it shows as overdue (the Organization's own
# service levels; the seed leaves them "variable"): the allowances of the round's steps, whose due date the
# workflow core sets. The closed stage has none.
STAGE_DAYS = {
    "quotas": 10,
    "announced": 30,
    "reported": 20,
    "results": 15,
    "interviews": 20,
    "registration": 20,
}

# Interview scores run from 0 to 100; a candidate below the pass mark is not finally accepted.
INTERVIEW_MAX_SCORE = 100
INTERVIEW_PASS_SCORE = 60

# A supervisor's card stays valid this many days after the exam (for the interviews that follow).
CARD_VALID_DAYS_AFTER_EXAM = 30

# An employee number (شماره مستخدم) of the national system is digits only, of this length range.
EMPLOYEE_NUMBER_MIN_DIGITS = 6
EMPLOYEE_NUMBER_MAX_DIGITS = 12


def reserved_share(posts: int, percent: int) -> int:
    """Seats reserved for a group: the percentage of the posts, rounded down to whole posts."""
    return posts * percent // 100
