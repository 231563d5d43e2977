"""Gunicorn settings for production, read from the environment (gunicorn loads this file from the cwd).

BIND (e.g. "unix:/run/khedmat.sock" or "0.0.0.0:8000") wins over PORT; with neither, 127.0.0.1:8000,
for a reverse proxy on the same host. WEB_CONCURRENCY sets the number of workers.
"""

import gc
import multiprocessing
import os

_port = os.environ.get("PORT")
bind = os.environ.get("BIND") or (f"0.0.0.0:{_port}" if _port else "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# Issuing a PDF or importing a spreadsheet can take several seconds; a minute is a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound. Workers fork from a master that
# has already imported the desk, so a recycled one serves at once; a wide jitter keeps them from all
# recycling together (workers started at once under even load reach 1,000 requests within seconds of each
# other, and the load test saw the desk stall for 10-20 s each time they did, importing Django five times).
preload_app = True
max_requests = 1000
max_requests_jitter = 500


def pre_fork(server, worker):
    # The preloaded desk is some 235,000 objects that live as long as the process. Frozen, the garbage
    # collector leaves them alone: a worker's full collection no longer walks them (140 ms each), nor
    # writes to their pages (which copied the master's memory into every worker), and a recycled worker
    # exits in 0.04 s instead of spending 1-3 s of CPU collecting them while the master waits to replace it.
    gc.freeze()


# The heartbeat file on tmpfs: a worker blocked on a slow disk is not mistaken for a dead one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn honours X-Forwarded-* (the scheme it reports) only from the proxy in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
