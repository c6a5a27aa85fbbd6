"""Turns the official ESCO v1.1.1 CSV zips into the plain arrays SkillEmbeddingBuilder takes, for
`skillmatch-bench dense --esco DIR` (a quality and timing check on real data; tests never need it).

  python Benchmarks/peers/esco_to_arrays.py ../shared/data/taxonomy/esco-1.1.1 /tmp/esco-arrays

Writes DIR/labels.tsv (id, uri, label; skills then skill groups), DIR/hierarchy.tsv (child id,
parent id) and DIR/occupations.tsv (one occupation per line: its skill ids, essential and optional).
"""
import csv
import io
import os
import sys
import zipfile


def rows(archive, name):
    with zipfile.ZipFile(archive) as z:
        with z.open(name) as f:
            yield from csv.DictReader(io.TextIOWrapper(f, encoding="utf-8"))


def main(source, out):
    classification = os.path.join(source, "esco-v1.1.1-classification-en-csv.zip")
    relations = os.path.join(source, "esco-v1.1.1-relations-csv.zip")
    ids, labels = {}, []
    for name in ("skills_en.csv", "skillGroups_en.csv"):
        for row in rows(classification, name):
            if row["conceptUri"] not in ids:
                ids[row["conceptUri"]] = len(labels)
                labels.append((row["conceptUri"], row["preferredLabel"]))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "labels.tsv"), "w") as f:
        for i, (uri, label) in enumerate(labels):
            f.write(f"{i}\t{uri}\t{label}\n")
    with open(os.path.join(out, "hierarchy.tsv"), "w") as f:
        for row in rows(relations, "broaderRelationsSkillPillar.csv"):
            child, parent = ids.get(row["conceptUri"]), ids.get(row["broaderUri"])
            if child is not None and parent is not None and child != parent:
                f.write(f"{child}\t{parent}\n")
    profiles = {}
    for row in rows(relations, "occupationSkillRelations.csv"):
        skill = ids.get(row["skillUri"])
        if skill is not None:
            profiles.setdefault(row["occupationUri"], []).append(skill)
    with open(os.path.join(out, "occupations.tsv"), "w") as f:
        for skills in profiles.values():
            f.write(" ".join(map(str, skills)) + "\n")
    print(f"{len(labels)} skills and groups, {len(profiles)} occupations -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
