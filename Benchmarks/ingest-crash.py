#!/usr/bin/env python3
"""Crash test for ingestion through the server (issue 6): SIGKILL `skillmatch serve` at random
moments while 20,000 job postings stream in over `POST /v1/ingest`, restart it each time, and check
that nothing acknowledged is lost or doubled.

Setup: a temporary data directory, an `ingest` and an `admin` API key (`skillmatch keys create`), a
configuration file (loopback bind, in-process workers, a short lease so a killed server's claimed
items come back quickly, no demo data, no rate limit) and `skillmatch serve --port 0` (the port is
read from its "listening on" line; every restart gets a new port).

Producer: the items go out in NDJSON requests of --batch items at about --rate items/s on one
keep-alive connection. A request answered 202 is *acknowledged*: all its items must land. A request
that gets no answer (the server died) may or may not have been stored; the producer re-sends it
after the restart with probability --resend (seeded), like an at-least-once client, and otherwise
gives it up, so both cases occur: re-sent items must still be present exactly once, given-up items
at most once. A 503 or 429 is retried.

Killer: SIGKILL to the server at random moments, half of them uniformly in time (--gap seconds
apart), half 0-30 ms after a request's bytes went out (the window between commit and 202), at least
--kills times and for as long as the producer runs, then the server is restarted. Kills continue
during the drain if the stream ended first.

Check, after the queue is drained, the server stopped with SIGTERM (exit 0 expected) and started
once more (the index is rebuilt from SQLite):
  1. every item of every acknowledged request is a live job, given-up items at most once, and no
     other job exists (SQLite and `GET /v1/jobs` paging: each id exactly once);
  2. nothing unfinished in the queue: every item done or skipped, every task `completed`
     (`GET /v1/tasks`), `skillmatch_ingest_queue_pending` 0;
  3. the index answers for every stored id: `GET /v1/jobs/{id}` returns it and `POST /v1/search`
     for its unique title token finds it exactly once; `skillmatch_index_jobs` equals the count.
Bounded: --timeout seconds for the whole run (default 1800), every HTTP call has a timeout; binds
127.0.0.1 only. Everything it starts is stopped on exit.
Run: Benchmarks/ingest-crash.sh [--items 20000] [--kills 5] [--batch 100] [--rate 1000] [--seed 6]
"""
import argparse, http.client, json, os, random, re, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

from crash_corpus import posting, token

TRANSIENT = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


class Server:
    """One `skillmatch serve` at a time on a fixed data directory; restartable after SIGKILL."""

    def __init__(self, binary, data, config, work, env):
        self.binary, self.data, self.config, self.work, self.env = binary, data, config, work, env
        self.process, self.port, self.generation, self.starts = None, None, 0, 0
        self.changed = threading.Condition()

    def start(self, timeout=300):
        self.starts += 1
        out = os.path.join(self.work, f"serve-{self.starts}.out")
        log = open(os.path.join(self.work, f"serve-{self.starts}.log"), "w")
        process = subprocess.Popen([self.binary, "serve", "--data-dir", self.data, "--config", self.config, "--host", "127.0.0.1", "--port", "0"],
                                   stdout=open(out, "w"), stderr=log, env=self.env)
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.search(r"listening on 127\.0\.0\.1:(\d+)", open(out).read())
            if match:
                with self.changed:
                    self.process, self.port, self.generation = process, int(match.group(1)), self.generation + 1
                    self.changed.notify_all()
                return
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with {process.returncode} during start: {open(log.name).read()[-2000:]}")
            time.sleep(0.05)
        process.kill()
        raise RuntimeError(f"serve did not print its port within {timeout} s")

    def kill(self):
        with self.changed:
            process, self.port = self.process, None
        process.send_signal(signal.SIGKILL)
        process.wait()

    def terminate(self, timeout=60):
        with self.changed:
            self.port = None  # new requests wait for the restart
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return "no exit within %d s" % timeout

    def wait_up(self, after_generation, timeout=300):
        """Blocks until a server newer than `after_generation` listens; returns (generation, port)."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.port is not None and self.generation > after_generation, timeout):
                raise RuntimeError("server did not come back")
            return self.generation, self.port

    def stop_quietly(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class Client:
    """Keep-alive JSON calls to the current server with an API key."""

    def __init__(self, server, key, timeout=30):
        self.server, self.key, self.timeout, self.connection, self.port = server, key, timeout, None, None

    def call(self, method, path, body=None, content_type="application/json", on_sent=None):
        """One request; `on_sent` runs once the whole request is written, before the answer is read."""
        port = self.server.port
        if port is None:
            raise ConnectionError("server down")
        if self.connection is None or self.port != port:
            self.close()
            self.connection, self.port = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout), port
        headers = {"Authorization": f"Bearer {self.key}"}
        if body is not None:
            headers["Content-Type"] = content_type
        try:
            self.connection.request(method, path, body=body, headers=headers)
            if on_sent:
                on_sent()
            response = self.connection.getresponse()
            data = response.read()
        except TRANSIENT:
            self.close()
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, data

    def json(self, method, path, body=None):
        status, data = self.call(method, path, None if body is None else json.dumps(body))
        return status, (json.loads(data) if data else None)

    def close(self):
        if self.connection:
            self.connection.close()
        self.connection = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rate", type=float, default=1000, help="items/s the producer aims at")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--gap", type=float, nargs=2, default=[1.0, 4.0], help="seconds between timed kills")
    parser.add_argument("--resend", type=float, default=0.5, help="probability an unanswered request is re-sent")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-sigterm", dest="sigterm", action="store_false",
                        help="skip the SIGTERM-under-load step (one graceful stop mid-stream)")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    binary = os.path.abspath(os.path.join(args.bin, "skillmatch"))
    work = tempfile.mkdtemp(prefix="skillmatch-crash-serve-")
    data = os.path.join(work, "data")
    os.makedirs(data)
    config = os.path.join(work, "crash.json")
    with open(config, "w") as f:
        json.dump({"http": {"host": "127.0.0.1", "workerThreads": 4},
                   "auth": {"mode": "required", "rateLimit": {"requestsPerSecond": 1000000, "burst": 1000000}},
                   "engine": {"ingestWorkers": 2, "ingestLeaseSeconds": 3, "publishDelaySeconds": 0.5, "loadDemoData": False}}, f)
    env = dict(os.environ, SKILLMATCH_HOME=os.getcwd())
    for variable in list(env):
        if variable.startswith("SKILLMATCH_") and variable != "SKILLMATCH_HOME":
            del env[variable]  # the configuration file decides

    def make_key(role):
        out = subprocess.run([binary, "keys", "create", "--data-dir", data, "--role", role, "--label", "crash"],
                             capture_output=True, text=True, env=env, timeout=300, check=True).stdout
        return re.search(r"sk_\S+", out).group(0)

    ingest_key, admin_key = make_key("ingest"), make_key("admin")
    server = Server(binary, data, config, work, env)
    failures = []
    started = time.time()

    def watchdog():
        time.sleep(args.timeout)
        print(f"FAIL: no result within --timeout {args.timeout:.0f} s (work dir {work})", flush=True)
        server.stop_quietly()
        os._exit(2)
    threading.Thread(target=watchdog, daemon=True).start()

    try:
        run(args, rng, server, ingest_key, admin_key, data, failures)
    finally:
        server.stop_quietly()
        if not args.keep and not failures:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.time() - started
    if failures:
        print(f"FAIL after {elapsed:.0f} s (work dir {work} kept): " + "; ".join(failures))
        sys.exit(1)
    print(f"PASS in {elapsed:.0f} s: every acknowledged item present exactly once after the server was SIGKILLed, "
          "nothing unfinished in the queue, and the index answers for every id")


def run(args, rng, server, ingest_key, admin_key, data, failures):
    items = [posting(n, rng) for n in range(args.items)]
    batches = [list(range(first, min(args.items, first + args.batch))) for first in range(0, args.items, args.batch)]
    print(f"crash test (server): {args.items} items in {len(batches)} requests of {args.batch}, ~{args.rate:.0f} items/s, "
          f">= {args.kills} SIGKILLs, data dir {data}", flush=True)
    t0 = time.time()
    server.start()
    print(f"  server up on port {server.port} in {time.time() - t0:.1f} s", flush=True)

    acknowledged = {}      # batch index -> task id of its 202
    unanswered = {}        # batch index -> number of attempts without an answer
    given_up = set()       # batch indexes never acknowledged
    sent = threading.Event()
    producing = threading.Event()
    producing.set()
    kills = []             # (seconds since start, how)
    attempts = []          # every request attempt: index, when its bytes were out, whether it was answered
    errors = []

    def producer():
        client = Client(server, ingest_key)
        resend = random.Random(args.seed + 1)  # its own generator: the killer thread draws from `rng`
        start = time.time()
        generation = server.generation
        try:
            for index, batch in enumerate(batches):
                due = start + batch[0] / args.rate
                if due > time.time():
                    time.sleep(due - time.time())
                body = ("\n".join(items[n] for n in batch) + "\n").encode()
                while True:
                    attempt = {"index": index, "sent": None, "answered": False, "done": False, "server": server.generation}
                    attempts.append(attempt)

                    def on_sent():
                        attempt["sent"] = time.time()
                        sent.set()
                    try:
                        generation = server.generation
                        status, data = client.call("POST", "/v1/ingest?format=jobposting&source=crash", body, "application/x-ndjson", on_sent)
                        attempt["answered"] = attempt["done"] = True
                    except TRANSIENT:
                        attempt["done"] = True
                        unanswered[index] = unanswered.get(index, 0) + 1
                        generation, _ = server.wait_up(generation)
                        if resend.random() < args.resend:
                            continue
                        given_up.add(index)
                        break
                    if status == 202:
                        answer = json.loads(data)
                        if answer.get("received") != len(batch) or answer.get("rejected") != 0:
                            errors.append(f"request {index}: 202 with {answer}")
                        acknowledged[index] = answer["taskId"]
                        break
                    if status in (429, 503):
                        time.sleep(0.2)
                        continue
                    errors.append(f"request {index}: unexpected status {status}: {data[:200]!r}")
                    break
        except Exception as error:  # noqa: BLE001 - reported as a failure, not a traceback
            errors.append(f"producer stopped: {error!r}")
        finally:
            producing.clear()
            client.close()

    def kill_and_restart(how):
        server.kill()
        kills.append((time.time() - t0, how))
        began = time.time()
        server.start()
        print(f"  kill {len(kills)} at {kills[-1][0]:.1f} s ({how}); "
              f"{len(acknowledged)} requests acknowledged so far; restarted in {time.time() - began:.1f} s", flush=True)

    def terminate_and_restart():
        """SIGTERM with a request in flight: it must be answered and the server must exit 0."""
        signalled, generation = time.time(), server.generation
        code = server.terminate()
        in_flight = [a for a in attempts if a["server"] == generation and a["sent"] is not None and a["sent"] < signalled]
        deadline = time.time() + 10
        while time.time() < deadline and not all(a["done"] for a in in_flight):
            time.sleep(0.01)  # the producer is still reading the last answer
        dropped = [a["index"] for a in in_flight if not a["answered"]]
        graceful.append((signalled - t0, code, dropped))
        print(f"  SIGTERM under load at {signalled - t0:.1f} s: exit code {code}, "
              f"{'in-flight request answered' if not dropped else f'in-flight requests {dropped} NOT answered'}", flush=True)
        if code != 0:
            failures.append(f"exit code {code} after SIGTERM under load")
        if dropped:
            failures.append(f"requests {dropped} were in flight at SIGTERM and got no answer")
        server.start()

    graceful = []
    thread = threading.Thread(target=producer)
    thread.start()
    events = 0
    while producing.is_set() or len(kills) < args.kills:
        events += 1
        if producing.is_set() and events == 3 and args.sigterm:
            sent.clear()
            if sent.wait(timeout=10):
                time.sleep(rng.uniform(0, 0.005))
                terminate_and_restart()
        elif events % 2 == 1 or not producing.is_set():
            time.sleep(rng.uniform(*args.gap))
            if producing.is_set() or len(kills) < args.kills:
                kill_and_restart("timed")
        else:
            sent.clear()
            if sent.wait(timeout=10):
                time.sleep(rng.uniform(0, 0.03))
                kill_and_restart("right after a request went out")
    thread.join()
    if args.sigterm and not graceful:
        failures.append("the stream ended before the SIGTERM-under-load step")
    failures.extend(errors)
    print(f"  stream done at {time.time() - t0:.1f} s: {len(acknowledged)} requests acknowledged, "
          f"{sum(unanswered.values())} unanswered attempts over {len(unanswered)} requests, {len(given_up)} given up", flush=True)

    database = os.path.join(data, "skillmatch.sqlite")

    def queue_states():
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
            return dict(db.execute("SELECT state, count(*) FROM ingest_items GROUP BY state").fetchall())

    drain_started = time.time()
    while any(queue_states().get(state, 0) for state in ("pending", "processing")):
        time.sleep(0.5)
    print(f"  queue drained {time.time() - drain_started:.1f} s after the stream; items by state {queue_states()}", flush=True)
    time.sleep(1.5)  # one publish delay and then some, so the last snapshot is out before SIGTERM
    code = server.terminate()
    print(f"  SIGTERM: server exit code {code}", flush=True)
    if code != 0:
        failures.append(f"server exit code {code} after SIGTERM")
    began = time.time()
    server.start()
    print(f"  restarted for the check in {time.time() - began:.1f} s", flush=True)
    check(args, server, admin_key, database, batches, acknowledged, given_up, queue_states(), kills, failures)


def check(args, server, admin_key, database, batches, acknowledged, given_up, states, kills, failures):
    acked_ids = {f"crash-{n}" for index in acknowledged for n in batches[index]}
    maybe_ids = {f"crash-{n}" for index in given_up for n in batches[index]}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
        rows = db.execute("SELECT id, count(*) FROM entities WHERE kind = 'job' AND deleted_at IS NULL GROUP BY id").fetchall()
        by_source = db.execute("SELECT count(*), count(DISTINCT external_id) FROM entities WHERE source = 'crash'").fetchone()
        tasks_stored = db.execute("SELECT count(*) FROM ingest_tasks").fetchone()[0]
    stored = {id: count for id, count in rows}
    missing = acked_ids - stored.keys()
    extra = stored.keys() - acked_ids - maybe_ids
    doubled = [id for id, count in stored.items() if count != 1]
    if missing: failures.append(f"{len(missing)} acknowledged items missing, e.g. {sorted(missing)[:5]}")
    if extra: failures.append(f"{len(extra)} stored jobs were never sent, e.g. {sorted(extra)[:5]}")
    if doubled or by_source[0] != by_source[1]: failures.append(f"stored more than once: {doubled[:5]} {by_source}")
    unfinished = {state: n for state, n in states.items() if state not in ("done", "skipped")}
    if unfinished: failures.append(f"queue items not finished: {unfinished}")
    print(f"  {len(kills)} kills ({sum(1 for _, how in kills if how == 'timed')} timed); {tasks_stored} tasks stored; "
          f"acknowledged {len(acked_ids)} items, given up {len(maybe_ids)} (of which {len(maybe_ids & stored.keys())} landed anyway); "
          f"{len(stored)} live jobs", flush=True)

    client = Client(server, admin_key)
    status, tasks = client.json("GET", "/v1/tasks?limit=1000")
    task_states = {}
    for task in (tasks or {}).get("items", []):
        task_states[task["state"]] = task_states.get(task["state"], 0) + 1
        counts = task["counts"]
        if task["state"] != "completed" or counts["failed"] or counts["dead"] or counts["pending"]:
            failures.append(f"task {task['id']} not completed cleanly: {task['state']} {counts}")
            break
    if status != 200 or sum(task_states.values()) != tasks_stored:
        failures.append(f"GET /v1/tasks: {status}, {sum(task_states.values())} of {tasks_stored} tasks")
    for index, task_id in list(acknowledged.items())[:: max(1, len(acknowledged) // 50)]:
        status, task = client.json("GET", f"/v1/tasks/{task_id}")
        counts = (task or {}).get("counts", {})
        if status != 200 or counts.get("received") != len(batches[index]) or counts.get("processed", 0) + counts.get("skippedUnchanged", 0) != len(batches[index]):
            failures.append(f"task {task_id} of request {index}: {status} {counts}")
    _, metrics = client.call("GET", "/metrics")
    gauges = dict(re.findall(r"^(skillmatch_index_jobs|skillmatch_ingest_queue_pending|skillmatch_ingest_queue_dead)\s+(\S+)$", metrics.decode(), re.M))
    if float(gauges.get("skillmatch_index_jobs", -1)) != len(stored) or float(gauges.get("skillmatch_ingest_queue_pending", -1)) != 0 \
            or float(gauges.get("skillmatch_ingest_queue_dead", -1)) != 0:
        failures.append(f"metrics disagree: {gauges}, {len(stored)} live jobs")
    print(f"  tasks by state {task_states}; metrics {gauges}", flush=True)

    listed, after = [], None
    while True:
        status, page = client.json("GET", "/v1/jobs?limit=1000" + (f"&after={after}" if after else ""))
        if status != 200:
            failures.append(f"GET /v1/jobs: {status}")
            break
        listed += [item["id"] for item in page["items"]]
        after = page.get("nextCursor")
        if not after:
            break
    if len(listed) != len(set(listed)) or set(listed) != stored.keys():
        failures.append(f"GET /v1/jobs lists {len(listed)} ids ({len(set(listed))} distinct), store has {len(stored)}")

    def answers(ids):
        client = Client(server, admin_key)
        problems = []
        for id in ids:
            status, entity = client.json("GET", f"/v1/jobs/{id}")
            expected_title = f"Operator {token(int(id.split('-', 1)[1]))}"
            if status != 200 or entity.get("title") != expected_title:
                problems.append(f"GET {id}: {status}")
                continue
            status, found = client.json("POST", "/v1/search", {"to": "jobs", "text": expected_title.split()[1], "limit": 10})
            hits = [hit["id"] for hit in (found or {}).get("hits", [])]
            if status != 200 or hits.count(id) != 1:
                problems.append(f"search for {id}: {status} {hits}")
        client.close()
        return problems

    ids = sorted(stored.keys())
    began = time.time()
    with ThreadPoolExecutor(max_workers=2) as pool:
        problems = [p for part in pool.map(answers, [ids[0::2], ids[1::2]]) for p in part]
    print(f"  API check of {len(ids)} ids (GET + search each) in {time.time() - began:.1f} s: {len(ids) - len(problems)} answered", flush=True)
    if problems:
        failures.append(f"{len(problems)} ids not answered by the API, e.g. {problems[:3]}")
    absent = sorted(maybe_ids - stored.keys())[:200]
    for id in absent:
        status, _ = client.json("GET", f"/v1/jobs/{id}")
        if status != 404:
            failures.append(f"{id} is not stored but GET answers {status}")
            break
    code = server.terminate()
    if code != 0:
        failures.append(f"server exit code {code} after the final SIGTERM")


if __name__ == "__main__":
    main()
