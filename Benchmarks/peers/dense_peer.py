"""Dense top-k peer for `skillmatch-bench dense`: NumPy and faiss IndexFlatIP on the same vectors.

Reads raw little-endian float32 row-major files written by the Swift benchmark, times single-query
top-k (one thread) and batches, and prints one JSON object on stdout with per-query times in ms and
the result ids, so the benchmark can compare figures and results in the same run.

Run through the benchmark (it finds the venv made by setup-dense-peer.sh), or by hand:
  python dense_peer.py --base X.f32 --queries Q.f32 --dim 384 --k 10 --batch 64
"""
import argparse
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def median(values):
    return float(np.median(values))


def p99(values):
    return float(np.percentile(values, 99))


def numpy_single(X, Q, k):
    times, ids = [], []
    for q in Q:
        t0 = time.perf_counter()
        s = X @ q
        top = np.argpartition(-s, k)[:k]
        top = top[np.argsort(-s[top], kind="stable")]
        times.append((time.perf_counter() - t0) * 1e3)
        ids.append(top.tolist())
    return times, ids


def numpy_batch(X, Q, k, batch):
    per_query = []
    for start in range(0, len(Q) - batch + 1, batch):
        t0 = time.perf_counter()
        S = Q[start:start + batch] @ X.T
        top = np.argpartition(-S, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(S, top, axis=1), axis=1)
        np.take_along_axis(top, order, axis=1)
        per_query.append((time.perf_counter() - t0) * 1e3 / batch)
    return per_query


def faiss_runs(X, Q, k, batch):
    import faiss

    faiss.omp_set_num_threads(1)
    index = faiss.IndexFlatIP(X.shape[1])
    index.add(X)
    single, ids = [], []
    for q in Q:
        t0 = time.perf_counter()
        _, I = index.search(q[None, :], k)
        single.append((time.perf_counter() - t0) * 1e3)
        ids.append(I[0].tolist())
    batched = []
    for start in range(0, len(Q) - batch + 1, batch):
        t0 = time.perf_counter()
        index.search(Q[start:start + batch], k)
        batched.append((time.perf_counter() - t0) * 1e3 / batch)
    return single, ids, batched


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--dim", type=int, required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()

    X = np.fromfile(args.base, dtype="<f4").reshape(-1, args.dim)
    Q = np.fromfile(args.queries, dtype="<f4").reshape(-1, args.dim)
    out = {}
    with threadpool_limits(limits=1):
        out["blas"] = [
            {k: info.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for info in threadpool_info()
        ]
        # Warm-up pass so page faults and first-call costs are not timed.
        numpy_single(X, Q[:3], args.k)
        times, ids = numpy_single(X, Q, args.k)
        out["numpy_single"] = {"median": median(times), "p99": p99(times), "times": times, "ids": ids}
        batched = numpy_batch(X, Q, args.k, args.batch)
        out["numpy_batch"] = {"median": median(batched), "times": batched} if batched else None
        try:
            single, fids, fbatched = faiss_runs(X, Q, args.k, args.batch)
            out["faiss_single"] = {"median": median(single), "p99": p99(single), "times": single, "ids": fids}
            out["faiss_batch"] = {"median": median(fbatched), "times": fbatched} if fbatched else None
        except ImportError as error:
            out["faiss_error"] = str(error)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
