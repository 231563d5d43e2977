"""Background tasks started by their registered name: a service asks for its app's task without importing
the tasks module, which imports the service (tasks call services; services never import tasks)."""

from importlib import import_module

from celery import current_app


def task_start(name: str, *args) -> None:
    """Queues the task registered as `name` (its module path and function) with `args`; in the embedded mode
    without a broker it runs at once, as every task does (`CELERY_TASK_ALWAYS_EAGER`)."""
    if name not in current_app.tasks:
        # Only a worker imports every app's tasks at start; a web process registers a task on first use.
        import_module(name.rpartition(".")[0])
    current_app.tasks[name].delay(*args)
