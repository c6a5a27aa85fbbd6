"""Peer for `skillmatch-bench storage`: Python's sqlite3 doing the same work on the same file.

  storage_peer.py scan DB KIND
      reads id, profile and vector of every live entity of KIND with the query EntityStore.scan
      runs; prints "<rows> <wall seconds> <CPU seconds>" (median of 3 passes).
  storage_peer.py upsert DB N BATCH DOC_BYTES
      upserts N entities of kind 'peer' (look up by key, then insert; a DOC_BYTES document, a
      300-byte profile, a 384-float vector), BATCH per BEGIN IMMEDIATE transaction, with the same
      pragmas as skillmatch (WAL, synchronous=NORMAL, 64 MiB cache); prints "<rows> <wall s> <CPU s>".
"""
import os
import sqlite3
import sys
import time


def scan(path: str, kind: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA mmap_size=1073741824")
    times = []
    cpu_times = []
    rows = 0
    for _ in range(3):
        start, cpu_start = time.perf_counter(), time.process_time()
        rows = 0
        total = 0
        for _id, _profile, vector, _expires, _updated in connection.execute(
            "SELECT id, profile, vector, expires_at, updated_at FROM entities NOT INDEXED "
            "WHERE kind = ? AND deleted_at IS NULL",
            (kind,),
        ):
            rows += 1
            total += len(vector)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    print(rows, sorted(times)[1], sorted(cpu_times)[1])


def upsert(path: str, count: int, batch: int, doc_bytes: int) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA cache_size=-65536")
    document, profile, vector = os.urandom(doc_bytes), os.urandom(300), os.urandom(384 * 4)
    start, cpu_start = time.perf_counter(), time.process_time()
    for first in range(0, count, batch):
        connection.execute("BEGIN IMMEDIATE")
        for i in range(first, min(count, first + batch)):
            key = f"peer-{i}"
            existing = connection.execute(
                "SELECT content_hash, deleted_at FROM entities WHERE kind = ? AND id = ?", ("peer", key)
            ).fetchone()
            if existing is None:
                connection.execute(
                    "INSERT INTO entities (kind, id, source, external_id, content_hash, document, profile, vector,"
                    " created_at, updated_at, deleted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                    ("peer", key, "peer", f"x{i}", f"h{i}", document, profile, vector, 1, 1, None),
                )
        connection.execute("COMMIT")
    print(count, time.perf_counter() - start, time.process_time() - cpu_start)


def main() -> None:
    if sys.argv[1] == "scan":
        scan(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "upsert":
        upsert(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(f"unknown mode {sys.argv[1]}")


if __name__ == "__main__":
    main()
