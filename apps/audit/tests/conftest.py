"""The trail's tests write through the workflow core's cases, as the desk does."""

from apps.workflow.tests.conftest import open_case  # noqa: F401
