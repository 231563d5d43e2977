-- wrk script: sends the session cookie given in the BENCH_COOKIE environment variable and prints one
-- machine-readable line with requests/s, p95 latency (ms), non-2xx answers and socket errors.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p95_ms=%.1f p50_ms=%.1f requests=%d http_errors=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(95) / 1000, latency:percentile(50) / 1000,
    summary.requests, summary.errors.status, errors))
end
