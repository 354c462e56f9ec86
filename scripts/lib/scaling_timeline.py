#!/usr/bin/env python3
"""Prints an endpoint's scaling timeline from ayame-local's <state dir>/scaling-timeline.jsonl:
one row per AWS minute in which something changed (instances, desired count, queue, status, an
alarm's state, an action), quiet stretches folded into one line.

Usage: scaling_timeline.py STATE_DIR/scaling-timeline.jsonl ENDPOINT
"""
import json
import sys


def clock(seconds):
    seconds = int(seconds)
    return f"+{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def short(alarm):
    # TargetTracking-endpoint/<name>/variant/<v>-AlarmLow-<policy> -> AlarmLow; user alarms keep their name.
    for kind in ("AlarmHigh", "AlarmLow"):
        if alarm.startswith("TargetTracking-") and f"-{kind}-" in alarm:
            return f"tracking {kind}"
    return alarm


def main():
    path, endpoint = sys.argv[1], sys.argv[2]
    with open(path) as lines:
        entries = [e for e in map(json.loads, lines) if e["endpoint"] == endpoint]
    if not entries:
        print(f"no timeline for {endpoint} in {path}")
        return 1
    print(f"scaling timeline of {endpoint} (AWS time since ayame-local started; one evaluation a minute)")
    print(f"{'time':>10}  {'instances':>9}  {'desired':>7}  {'queue':>5}  {'status':<9}  alarms / actions")
    previous, quiet = None, 0
    for entry in entries:
        shape = (entry["instances"], entry["desired"], entry["backlog"], entry["status"], sorted(entry["alarms"].items()))
        if shape == previous and not entry["actions"]:
            quiet += 1
            continue
        if quiet:
            print(f"{'':>10}  … {quiet} more minute{'s' if quiet > 1 else ''} the same")
            quiet = 0
        alarms = ", ".join(f"{short(name)}={state}" for name, state in sorted(entry["alarms"].items()))
        print(f"{clock(entry['time']):>10}  {entry['instances']:>9}  {entry['desired']:>7}  {entry['backlog']:>5}  {entry['status']:<9}  {alarms}")
        for action in entry["actions"]:
            print(f"{'':>10}  → {action}")
        previous = shape
    if quiet:
        print(f"{'':>10}  … {quiet} more minute{'s' if quiet > 1 else ''} the same")
    return 0


if __name__ == "__main__":
    sys.exit(main())
