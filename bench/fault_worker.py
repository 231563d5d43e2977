"""Item 7's check after a Celery worker was killed mid-batch (bench/fault_worker.sh): every passed learner
of the session has exactly one certificate and no certificate document was issued twice.

    python -m bench.fault_worker check SESSION
"""

import sys

from bench.djangosetup import setup


def check(session_id: int) -> bool:
    from django.db.models import Count

    from apps.documents.models import IssuedDocument
    from apps.training.models import Learner

    learners = Learner.objects.filter(request__session_id=session_id)
    passed = learners.filter(passed=True).count()
    with_certificate = learners.filter(passed=True, certificate__isnull=False).count()
    documents = IssuedDocument.objects.filter(
        kind="training.certificate", case__training_request__session_id=session_id
    )
    # A document twice for one person: the same holder on the same case more than once, or a document
    # no learner points to (a second issue whose learner row kept the first).
    twice = documents.values("case_id", "holder_national_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    orphans = documents.filter(training_learner__isnull=True).count()
    ok = passed == with_certificate == documents.count() and not twice and not orphans
    print(
        f"passed learners {passed}, with a certificate {with_certificate}, certificate documents "
        f"{documents.count()}, issued twice {twice}, documents without a learner {orphans}: "
        + ("ok" if ok else "FAILED")
    )
    return ok


def main() -> None:
    setup()
    command, session = sys.argv[1:]
    if command != "check":
        raise SystemExit(__doc__)
    raise SystemExit(0 if check(int(session)) else 1)


if __name__ == "__main__":
    main()
