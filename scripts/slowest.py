#!/usr/bin/env python3
"""Prints the N slowest tests of a cargo-nextest run, from its JUnit report.

Usage: python3 scripts/slowest.py target/nextest/<profile>/junit.xml [N=10]
"""
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"slowest tests: no report to read ({e})", file=sys.stderr)
        return 1
    cases = []
    for case in root.iter("testcase"):
        outcome = "pass"
        for tag in ("failure", "error", "skipped"):
            if case.find(tag) is not None:
                outcome = tag
        cases.append((float(case.get("time", "0")), case.get("name", "?"), outcome))
    cases.sort(reverse=True)
    total = sum(t for t, _, _ in cases)
    print(f"The {min(n, len(cases))} slowest of {len(cases)} tests ({total:.0f} s of test time in all):")
    for time, name, outcome in cases[:n]:
        mark = "" if outcome == "pass" else f"  ({outcome})"
        print(f"  {time:8.1f} s  {name}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
