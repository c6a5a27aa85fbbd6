#!/usr/bin/env python3
"""Peer for `skillmatch-bench taxonomy`: reads the same Taxonomies/ TSV files with Python's csv
module into dicts/lists (what a straightforward Python service would do) and prints the median
load time as `median_seconds=<wall> median_cpu_seconds=<cpu>`.

Usage: python3 Benchmarks/peers/taxonomy_load.py [Taxonomies] [runs]
"""
import csv
import os
import statistics
import sys
import time

csv.field_size_limit(1 << 30)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load(directory):
    skills = read(os.path.join(directory, "skills.tsv"))
    by_id = {row["id"]: i for i, row in enumerate(skills)}
    for row in skills:
        row["alt_labels"] = row["alt_labels"].split("|") if row["alt_labels"] else []
        row["broader"] = row["broader"].split("|") if row["broader"] else []
    tables = {}
    for name in ("skill_groups.tsv", "occupations.tsv", "occupation_tasks.tsv", "work_activities.tsv",
                 "wage_areas.tsv", "wage_occupations.tsv", "wages.tsv", "occupation_profiles.tsv"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            tables[name] = read(path)
    for row in tables.get("wages.tsv", []):
        for key in ("employment", "hourly_mean", "annual_mean", "annual_p10", "annual_p25", "annual_median",
                    "annual_p75", "annual_p90"):
            row[key] = float(row[key]) if row[key] else None
    return skills, by_id, tables


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "Taxonomies"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        load(directory)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"median_seconds={statistics.median(times):.4f} median_cpu_seconds={statistics.median(cpu):.4f}")


if __name__ == "__main__":
    main()
