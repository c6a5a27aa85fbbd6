#!/usr/bin/env python3
"""Crash test for ingestion: SIGKILL at random moments while 20,000 items stream in.

Drives `skillmatch ingest` (enqueue + local workers) and `skillmatch worker` processes on one
data directory. An item is *acknowledged* once its task is stored in `ingest_tasks` (enqueue is
one transaction: a task is stored whole or not at all). The producer re-sends a file whose
`ingest` was killed, like any at-least-once client. A killer SIGKILLs a random live skillmatch
process every 0.5-3 s, at least --kills times. Then every worker is gone, a fresh worker drains
what is left (waiting for the leases of killed workers to expire), and the check asserts:
  1. every acknowledged item is stored exactly once as a live entity, and nothing else is;
  2. no queue item is failed, dead, pending or leased;
  3. after a restart the index answers for them (`skillmatch-bench ingest verify`: every id is in
     the rebuilt snapshot and a text search for a sample of ids' unique tokens finds them).
Run: Benchmarks/ingest-crash.sh --cli [--items 20000] [--kills 5] [--seed 6]
(The default `Benchmarks/ingest-crash.sh` kills the server instead: Benchmarks/ingest-crash.py.)
"""
import argparse, json, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time

from crash_corpus import posting


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--per-file", type=int, default=250)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--bin", default=".build/release")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    skillmatch = os.path.join(args.bin, "skillmatch")
    bench = os.path.join(args.bin, "skillmatch-bench")
    work = tempfile.mkdtemp(prefix="skillmatch-crash-")
    data = os.path.join(work, "data")
    os.makedirs(data)
    files = []
    for first in range(0, args.items, args.per_file):
        path = os.path.join(work, f"part-{first:06d}.ndjson")
        with open(path, "w") as f:
            f.write("\n".join(posting(n, rng) for n in range(first, min(args.items, first + args.per_file))) + "\n")
        files.append(path)
    print(f"crash test: {args.items} items in {len(files)} files, data dir {data}")

    lock = threading.Lock()
    live = {}  # pid -> Popen
    done = threading.Event()
    def base(command):
        return [skillmatch, command[0], "--data-dir", data] + command[1:]

    def spawn(command):
        process = subprocess.Popen(base(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with lock:
            live[process.pid] = process
        return process

    def reap(process):
        code = process.wait()
        with lock:
            live.pop(process.pid, None)
        return code

    def producer():
        for path in files:
            while True:
                code = reap(spawn(["ingest", "--workers", "1", "--format", "jobposting", "--source", "crash", path]))
                if code != -signal.SIGKILL:
                    break  # re-send only what a kill interrupted
        done.set()

    def worker_keeper():
        while not done.is_set():
            reap(spawn(["worker"]))  # restarted whenever it is killed

    threads = [threading.Thread(target=producer), threading.Thread(target=worker_keeper, daemon=True)]
    for thread in threads:
        thread.start()
    kills = 0
    while not done.is_set() or kills < args.kills:
        time.sleep(rng.uniform(0.5, 3.0))
        with lock:
            victims = list(live.values())
        if victims:
            victim = rng.choice(victims)
            try:
                os.kill(victim.pid, signal.SIGKILL)
                kills += 1
                print(f"  kill {kills}: pid {victim.pid} ({victim.args[1]})", flush=True)
            except ProcessLookupError:
                pass
        if done.is_set() and kills >= args.kills:
            break
    threads[0].join()
    with lock:
        for process in live.values():
            os.kill(process.pid, signal.SIGKILL)
    time.sleep(0.5)

    database = os.path.join(data, "skillmatch.sqlite")
    def queue_open():
        with sqlite3.connect(database) as db:
            return db.execute("SELECT count(*) FROM ingest_items WHERE state IN ('pending', 'processing')").fetchone()[0]
    while queue_open() > 0:
        subprocess.run(base(["worker", "--once"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if queue_open() > 0:
            time.sleep(2)  # leases of killed workers expire (ingestLeaseSeconds)

    db = sqlite3.connect(database)
    acknowledged = set()
    for (payload,) in db.execute("SELECT p.payload FROM ingest_payloads p JOIN ingest_items i ON i.id = p.item_id"):
        acknowledged.add(json.loads(payload)["identifier"])
    states = dict(db.execute("SELECT state, count(*) FROM ingest_items GROUP BY state").fetchall())
    rows = db.execute("SELECT id, count(*) FROM entities WHERE kind = 'job' AND deleted_at IS NULL GROUP BY id").fetchall()
    stored = {id: count for id, count in rows}
    tasks = db.execute("SELECT count(*) FROM ingest_tasks").fetchone()[0]
    db.close()
    failures = []
    missing = acknowledged - stored.keys()
    extra = stored.keys() - acknowledged
    if missing: failures.append(f"{len(missing)} acknowledged items missing, e.g. {sorted(missing)[:5]}")
    if extra: failures.append(f"{len(extra)} stored items never acknowledged")
    if any(count != 1 for count in stored.values()): failures.append("an item is stored more than once")
    bad = {state: n for state, n in states.items() if state not in ("done", "skipped")}
    if bad: failures.append(f"queue items not finished: {bad}")
    print(f"  {kills} kills, {tasks} tasks stored, items by state {states}")
    print(f"  acknowledged {len(acknowledged)} distinct items, stored {len(stored)} live entities")

    ids_file = os.path.join(work, "ids.txt")
    with open(ids_file, "w") as f:
        f.write("\n".join(sorted(acknowledged)))
    verify = subprocess.run([bench, "ingest", "verify", "--data-dir", data, "--ids", ids_file], capture_output=True, text=True)
    print("  " + verify.stdout.strip().replace("\n", "\n  "))
    if verify.returncode != 0:
        failures.append(f"index check failed: {verify.stderr.strip()}")
    if failures:
        print(f"FAIL (work dir {work} kept): " + "; ".join(failures))
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    print(f"PASS: every acknowledged item present exactly once after {kills} SIGKILLs, and the index answers for them")

if __name__ == "__main__":
    main()
