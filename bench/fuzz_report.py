"""Reads schemathesis NDJSON reports: how many requests went out, how many answered 5xx, and which calls."""

import json
import sys
from collections import defaultdict
from urllib.parse import urlencode

EXAMPLES_PER_ROUTE = 2


def _call(case: dict) -> str:
    query = f"?{urlencode(case['query'], doseq=True)}" if case.get("query") else ""
    body = f" body={json.dumps(case['body'], ensure_ascii=False)[:300]}" if "body" in case else ""
    return f"{case['method']} {case['path']}{query}{body}"


def read(paths: list[str]) -> tuple[int, dict[str, list[str]]]:
    sent, failures = 0, defaultdict(list)
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                event = json.loads(line).get("ScenarioFinished")
                if not event:
                    continue
                recorder = event["recorder"]
                for case_id, interaction in recorder.get("interactions", {}).items():
                    sent += 1
                    response = interaction.get("response") or {}
                    if response.get("status_code", 0) >= 500:
                        case = recorder["cases"][case_id]["value"]
                        failures[f"{case['method']} {case['path']}"].append(
                            f"[{path.rsplit('-', 1)[-1][:-7]}] {_call(case)}"
                        )
    return sent, failures


def main(paths: list[str]) -> int:
    sent, failures = read(paths)
    errors = sum(len(calls) for calls in failures.values())
    print(f"fuzzing: {sent} requests sent, {errors} answered with a server error (5xx)")
    for route, calls in sorted(failures.items()):
        print(f"  {route}: {len(calls)} server errors, e.g.")
        for call in calls[:EXAMPLES_PER_ROUTE]:
            print(f"    {call}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
