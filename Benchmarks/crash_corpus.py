"""The crash tests' corpus (Benchmarks/ingest-crash.py, Benchmarks/ingest-crash-cli.py): seeded job
postings, each titled "Operator <token>" with a token unique to it, so a text search finds exactly it."""
import json


def token(n):
    letters, n = "", n + 26 ** 3
    while n:
        n, r = divmod(n, 26)
        letters = chr(97 + r) + letters
    return "crash" + letters


def posting(n, rng):
    skills = ["welding techniques", "operate forklift", "customer service", "Python", "SQL", "bookkeeping", "patient care"]
    text = " ".join(f"Experience with {rng.choice(skills)} is expected." for _ in range(rng.randint(8, 30)))
    return json.dumps({"@type": "JobPosting", "identifier": f"crash-{n}", "title": f"Operator {token(n)}",
                       "description": f"Reference {token(n)}. {text}", "datePosted": "2026-01-02", "validThrough": "2099-01-01"})
