#!/usr/bin/env python3
"""Generate data/discover/surnames.txt: the surnames the discover stage knows.

Usage: python3 scripts/gen_surnames.py GIVEN_NAMES_DIR DATA_DIR > data/discover/surnames.txt

GIVEN_NAMES_DIR holds the two public lists described in data/README.md:
  census-1990/dist.all.last
      1990 United States Census surname frequency file (public domain);
      columns: NAME, percent of people, cumulative percent, rank.
  popular-names-by-country/common-surnames-by-country.csv
      "Popular Names by Country Dataset" (sigpwned, CC0 1.0): the most
      common surnames of 75 countries, native and romanized forms.
DATA_DIR is the crate's data/ folder: the last word of every listed
person's name (people.toml, leaders.toml, finance.toml) is a surname too.

Output: one folded surname a line (lower case, accents stripped, as the
tagger folds words), sorted by byte, with no header: the tagger searches
the file as it is. Only single words of ASCII letters are kept (the
romanized forms: the tagger folds some letters further than Unicode's
decomposition does, "ı" to "i"), and no month or weekday names. The whole census list is kept, long tail included: the
discover stage asks it only of a single capitalised word that a verb of
speech already marks as a speaker ("Gajdos said"), where it tells a
person from a company ("Interfax said"), and needs the rare surnames
most.
"""
import csv
import glob
import os
import sys
import tomllib

from gen_given_names import DATES, fold


def census(path, names):
    with open(path, encoding="ascii") as f:
        for line in f:
            cols = line.split()
            if cols:
                names.add(fold(cols[0]))


def by_country(path, names):
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for col in ("Romanized Name", "Localized Name"):
                for word in (row.get(col) or "").split():
                    names.add(fold(word))


def listed_people(data_dir, names):
    for path in sorted(glob.glob(os.path.join(data_dir, "*.toml"))):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for e in doc.get("entity", []):
            words = e.get("name", "").split()
            if e.get("kind") == "person" and len(words) >= 2:
                names.add(fold(words[-1]))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, data_dir = sys.argv[1], sys.argv[2]
    names = set()
    census(os.path.join(src, "census-1990", "dist.all.last"), names)
    by_country(os.path.join(src, "popular-names-by-country", "common-surnames-by-country.csv"), names)
    listed_people(data_dir, names)
    keep = (n for n in names if n.isascii() and n.isalpha() and len(n) >= 2 and n not in DATES)
    for name in sorted(keep, key=lambda n: n.encode("utf-8")):
        sys.stdout.write(name + "\n")


if __name__ == "__main__":
    main()
