"""Every write of service D, one function per user action, split by concept."""

from .common import require_may
from .cycles import (
    circular_attachment_add,
    cycle_approve_province_cut,
    cycle_calendar_update,
    cycle_create,
    cycle_publish_indices,
    evaluation_open,
    index_create,
)
from .festival import (
    attendance_record,
    body_member_add,
    body_member_remove,
    body_member_update,
    nomination_decide,
    nomination_file,
    session_create,
)
from .results import (
    cycle_approve_final,
    cycle_publish_initial,
    cycle_record_national_rank,
    cycle_set_bands,
    final_results_notify,
    national_rank_notify,
    objection_answer,
    objection_file,
)
from .scores import (
    evaluation_assign_evaluators,
    evaluation_reopen,
    evidence_attach,
    score_evaluate,
    score_record_hq,
    score_self_assess,
)

__all__ = [
    "attendance_record",
    "body_member_add",
    "body_member_remove",
    "body_member_update",
    "circular_attachment_add",
    "cycle_approve_final",
    "cycle_approve_province_cut",
    "cycle_calendar_update",
    "cycle_create",
    "cycle_publish_indices",
    "cycle_publish_initial",
    "cycle_record_national_rank",
    "cycle_set_bands",
    "evaluation_assign_evaluators",
    "evaluation_open",
    "evaluation_reopen",
    "evidence_attach",
    "final_results_notify",
    "index_create",
    "national_rank_notify",
    "nomination_decide",
    "nomination_file",
    "objection_answer",
    "objection_file",
    "require_may",
    "score_evaluate",
    "score_record_hq",
    "score_self_assess",
    "session_create",
]
