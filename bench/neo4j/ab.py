#!/usr/bin/env python3
"""Times two Cypher statements against one Neo4j over its transactional HTTP endpoint, sent in turns so that the
machine's load weighs on both alike: median and minimum of each, and the size of each answer.

  python3 bench/neo4j/ab.py http://127.0.0.1:7474 old.cypher new.cypher '{"ids": ["Enterprise:..."]}' [pairs]
"""
import json
import statistics
import sys
import time
import urllib.request


def run(url, statement, parameters):
    body = json.dumps({"statements": [{"statement": statement, "parameters": parameters, "resultDataContents": ["row"]}]}).encode()
    request = urllib.request.Request(url + "/db/data/transaction/commit", data=body, headers={"content-type": "application/json"})
    start = time.perf_counter()
    answer = urllib.request.urlopen(request).read()
    elapsed = (time.perf_counter() - start) * 1000
    errors = json.loads(answer)["errors"]
    if errors:
        raise SystemExit(f"Neo4j answered with errors: {errors}")
    return elapsed, len(answer)


def main():
    url, first, second, parameters = sys.argv[1].rstrip("/"), open(sys.argv[2]).read(), open(sys.argv[3]).read(), json.loads(sys.argv[4])
    pairs = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    for _ in range(3):
        run(url, first, parameters)
        run(url, second, parameters)
    times = ([], [])
    sizes = [0, 0]
    for _ in range(pairs):
        for i, statement in enumerate((first, second)):
            elapsed, sizes[i] = run(url, statement, parameters)
            times[i].append(elapsed)
    for i, name in enumerate((sys.argv[2], sys.argv[3])):
        print(f"{name}: median {statistics.median(times[i]):.1f} ms, min {min(times[i]):.1f} ms, {sizes[i]:,} bytes")
    print(f"ratio of medians {statistics.median(times[0]) / statistics.median(times[1]):.2f}")


if __name__ == "__main__":
    main()
