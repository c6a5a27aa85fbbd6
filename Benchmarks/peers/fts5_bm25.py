#!/usr/bin/env python3
"""SQLite FTS5 bm25() top-10 peer for `skillmatch-bench engine`.

What's measured: per-query wall time of `SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY
bm25(docs, 2.0, 1.0) LIMIT 10` (title weight 2, body weight 1, like the engine's field boosts), with
the query terms OR-ed (the engine's text query is a disjunction too). The table lives in memory.
Input: a TSV of `id<TAB>title<TAB>body` documents and a file of queries, one per line.
Output: one JSON line with the median and p99 in milliseconds.
Run: python3 fts5_bm25.py DOCS.tsv QUERIES.txt [repeats]
"""
import json
import sqlite3
import statistics
import sys
import time


def main() -> None:
    docs_path, queries_path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61')")
    start = time.perf_counter()
    with open(docs_path, encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t") for line in f)
        db.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", ((int(i), t, b) for i, t, b in rows))
    db.commit()
    build = time.perf_counter() - start
    with open(queries_path, encoding="utf-8") as f:
        queries = [" OR ".join(f'"{w}"' for w in line.split()) for line in f if line.strip()]
    sql = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0) LIMIT 10"
    times = []
    hits = 0
    for _ in range(repeats):
        for q in queries:
            t0 = time.perf_counter()
            rows = db.execute(sql, (q,)).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
            hits += len(rows)
    times.sort()
    print(json.dumps({
        "median_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "queries": len(times),
        "mean_hits": hits / len(times),
        "build_s": build,
        "sqlite": sqlite3.sqlite_version,
    }))


if __name__ == "__main__":
    main()
