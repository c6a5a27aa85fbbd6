"""Peer for `skillmatch-bench storage`: Python's sqlite3 scanning the same live entities.

Usage: storage_scan_peer.py DB KIND  ->  prints "<rows> <seconds>" for reading id, profile and
vector of every live entity of KIND (the same query EntityStore.scan runs), median of 3.
"""
import sqlite3
import sys
import time


def main() -> None:
    path, kind = sys.argv[1], sys.argv[2]
    connection = sqlite3.connect(path)
    times = []
    rows = 0
    for _ in range(3):
        start = time.perf_counter()
        rows = 0
        total = 0
        for _id, profile, vector, _expires, _updated in connection.execute(
            "SELECT id, profile, vector, expires_at, updated_at FROM entities NOT INDEXED "
            "WHERE kind = ? AND deleted_at IS NULL",
            (kind,),
        ):
            rows += 1
            total += len(vector)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
    print(rows, sorted(times)[1])


if __name__ == "__main__":
    main()
