#!/usr/bin/env python3
"""Check the gazetteer data files: python3 scripts/check_data.py [data/*.toml]

Reports (exit status 1 if any):
  - TOML syntax errors, unknown fields, missing id/kind/name
  - duplicate ids across files, malformed ids, unknown kinds
  - links (country, parent, predecessor, successor) to unknown ids, and
    `country` links to something that is not a country
  - empty aliases, aliases with leading/trailing spaces or no letters/digits
  - a form repeated within one entity (after folding), or repeating the name
  - `exact` aliases without a capital or digit
  - two countries sharing an alias (letters and digits, lower-cased)
  - agencies and people without a country; iso on non-countries
Also prints, as notes, aliases that several non-country entities share
(these are resolved from context at tagging time).
"""
import glob
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict

KINDS = {"country", "agency", "person", "organization", "topic", "place"}
LISTS = ["names", "exact", "phrases", "demonyms", "metonyms", "partial"]
FIELDS = {"id", "kind", "name", "tag", "iso", "country", "parent", "predecessor",
          "successor", "roles", "population", "cues", *LISTS}
LINKS = ["country", "parent", "predecessor", "successor"]
ID_RE = re.compile(r"^[a-z]+/[a-z0-9._/-]+$")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(w for w in re.split(r"[\W_]+", s) if w)


def main(paths):
    problems = []
    ents = []
    for path in paths:
        try:
            data = tomllib.load(open(path, "rb"))
        except tomllib.TOMLDecodeError as e:
            problems.append(f"{path}: syntax: {e}")
            continue
        for k in data:
            if k not in ("entity", "cues"):
                problems.append(f"{path}: unknown top-level key {k!r}")
        for e in data.get("entity", []):
            ents.append((path, e))
    ids = {}
    for path, e in ents:
        for f in ("id", "kind", "name"):
            if not isinstance(e.get(f), str) or not e.get(f):
                problems.append(f"{path}: entity {e.get('id')!r} lacks {f}")
        i = e.get("id", "")
        if i in ids:
            problems.append(f"{path}: duplicate id {i!r} (first in {ids[i][0]})")
        ids.setdefault(i, (path, e))
    for path, e in ents:
        i = e.get("id", "?")
        where = f"{path}: {i}"
        for f in e:
            if f not in FIELDS:
                problems.append(f"{where}: unknown field {f!r}")
        if not ID_RE.match(i):
            problems.append(f"{where}: malformed id")
        kind = e.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        elif not i.startswith({"organization": "org"}.get(kind, kind) + "/"):
            problems.append(f"{where}: id prefix does not match kind {kind}")
        for f in LINKS:
            t = e.get(f)
            if t is None:
                continue
            if t not in ids:
                problems.append(f"{where}: {f} links to unknown id {t!r}")
            elif f == "country" and ids[t][1].get("kind") != "country":
                problems.append(f"{where}: country links to non-country {t!r}")
        if kind in ("agency", "person") and "country" not in e:
            problems.append(f"{where}: {kind} without country")
        if "iso" in e and kind != "country":
            problems.append(f"{where}: iso on a {kind}")
        if kind == "country" and not re.fullmatch(r"[A-Z]{2}|[A-Z]{4}", e.get("iso", "")):
            problems.append(f"{where}: bad or missing iso {e.get('iso')!r}")
        if "population" in e and kind != "place":
            problems.append(f"{where}: population on a {kind}")
        seen = {fold(e.get("name", ""))}
        strings = [("name", e.get("name", "")), ("tag", e.get("tag"))]
        strings += [(f, s) for f in LISTS + ["cues", "roles"] for s in e.get(f, [])]
        for f, s in strings:
            if s is None:
                continue
            if not isinstance(s, str) or not s.strip() or s != s.strip():
                problems.append(f"{where}: empty or padded string in {f}: {s!r}")
            elif f not in ("tag", "roles", "cues") and not fold(s):
                problems.append(f"{where}: {f} alias {s!r} has no letters or digits")
        for f in LISTS:
            for s in e.get(f, []):
                k = fold(s)
                if k in seen:
                    problems.append(f"{where}: {f} alias {s!r} repeats another form")
                seen.add(k)
        for s in e.get("exact", []):
            if not any(c.isupper() or c.isdigit() for c in s):
                problems.append(f"{where}: exact alias {s!r} has no capital or digit")
    # countries must not share aliases (same key as tests/data.rs)
    owner = {}
    for path, e in ents:
        if e.get("kind") != "country":
            continue
        mine = set()
        for s in [e["name"]] + [s for f in LISTS for s in e.get(f, [])]:
            key = "".join(c for c in s.lower() if c.isalnum())
            if key in mine:
                continue
            mine.add(key)
            if key in owner:
                problems.append(f"{path}: {e['id']} and {owner[key]} share alias {s!r}")
            owner[key] = e["id"]
    # notes: shared aliases among all entities
    users = defaultdict(set)
    for path, e in ents:
        for s in [e.get("name", "")] + [s for f in LISTS for s in e.get(f, [])]:
            users[fold(s)].add(e.get("id"))
    shared = {k: v for k, v in users.items() if len(v) > 1}
    for k in sorted(shared):
        print(f"note: {k!r} shared by {sorted(shared[k])}")
    by_kind = defaultdict(int)
    for _, e in ents:
        by_kind[e.get("kind")] += 1
    print("entities:", len(ents), dict(sorted(by_kind.items())))
    for p in problems:
        print("problem:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or sorted(glob.glob("data/*.toml"))))
