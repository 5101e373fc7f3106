#!/usr/bin/env python3
"""Generate data/places.tsv: the world's cities and first-level divisions.

    python3 scripts/gen_places.py /work/shared/data/geonames data/places.tsv

Reads the GeoNames dumps `cities15000.txt`, `admin1CodesASCII.txt` and
`countryInfo.txt` (GeoNames, geonames.org, CC BY 4.0) from the folder given,
and data/*.toml (to know the country ids, the country names that no city may
share, and the hand-written places that take precedence), and writes one
place a line in the TSV format read by src/gazetteer/load.rs:

    id  kind  name  country  population  names  exact  cues  flags

What goes in:

- every city of 100,000 people or more, and every capital (PPLC) and seat
  of government (PPLG); sections of cities (PPLX), localities (PPLL),
  historical, abandoned and religious places are left out;
- every first-level division (state, province, Land, oblast...);
- the English exonyms and former names news uses, from the hand-checked
  tables below (EXONYMS, RENAME), and AP-style abbreviations of US states
  and Canadian provinces (ABBREV).

Policies:

- A city or division never shares a country's name or alias (from
  data/countries.toml): such a name is replaced by a distinctive form from
  RENAME ("Panama City") or the entity is left out.
- A division that has the same name as a city of its own country ("São
  Paulo", "Tokyo", "Berlin") is left out, unless RENAME gives it a
  distinctive name ("New York State"): the city keeps the name (the state
  has it as a context name, DIVISION_CONTEXT_NAMES).
- A generated place whose name is a hand-written place's name in
  data/places.toml is left out: the hand-written entry wins.
- Flag `context` marks places whose name is also an everyday English word
  (lower-case entries of /usr/share/dict/words, Debian package wamerican)
  or a common first name or surname (the hand list below), except for the
  names in NOT_CONTEXT, whose lower-case word comes from the place itself
  ("manila", "cologne").
- Flag `person` instead marks those whose name is only a person's name
  (a first name or surname, no everyday word and no other entity's
  name): they count only with context too, but a word that takes a
  place and not a person before them ("in Lagos") is context enough.

Everything the script skips or flags is printed on stderr.
"""
import glob
import os
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "data")
WORDS = "/usr/share/dict/words"

MIN_POP = 100_000
KEEP_CODES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLG"}
# Seats of government in the dump that are not seats of a recognised state.
SKIP_GEONAMEIDS = {
    "3337388",  # Liberpolis HR: "Liberland", a micronation
}
SKIP_CITIES = {("Liberpolis", "HR"), ("Harewood", "CA")}

# (GeoNames name, country code) -> (display name or None, [other names], [exact forms]).
# English exonyms and former names that news uses; the GeoNames name is kept
# as another name when the display name changes.
EXONYMS = {
    ("Mumbai", "IN"): (None, ["Bombay"], []),
    ("Kolkata", "IN"): (None, ["Calcutta"], []),
    ("Chennai", "IN"): (None, ["Madras"], []),
    ("Bengaluru", "IN"): (None, ["Bangalore"], []),
    ("Pune", "IN"): (None, ["Poona"], []),
    ("Varanasi", "IN"): (None, ["Benares"], []),
    ("Thiruvananthapuram", "IN"): (None, ["Trivandrum"], []),
    ("Mysuru", "IN"): (None, ["Mysore"], []),
    ("Vadodara", "IN"): (None, ["Baroda"], []),
    ("Prayagraj", "IN"): (None, ["Allahabad"], []),
    ("Mangaluru", "IN"): (None, ["Mangalore"], []),
    ("Belagavi", "IN"): (None, ["Belgaum"], []),
    ("Dhaka", "BD"): (None, ["Dacca"], []),
    ("Almaty", "KZ"): (None, ["Alma-Ata"], []),
    ("Bishkek", "KG"): (None, ["Frunze"], []),
    ("Yekaterinburg", "RU"): (None, ["Sverdlovsk", "Ekaterinburg"], []),
    ("Samara", "RU"): (None, ["Kuibyshev", "Kuybyshev"], []),
    ("Volgograd", "RU"): (None, ["Stalingrad"], []),
    ("Saint Petersburg", "RU"): (None, ["Leningrad"], []),
    ("Moscow", "RU"): (None, ["Moskva"], []),
    ("Kinshasa", "CD"): (None, ["Léopoldville"], []),
    ("Beijing", "CN"): (None, ["Peking"], []),
    ("Guangzhou", "CN"): (None, ["Canton"], []),
    ("Nanjing", "CN"): (None, ["Nanking"], []),
    ("Tianjin", "CN"): (None, ["Tientsin"], []),
    ("Chongqing", "CN"): (None, ["Chungking"], []),
    ("Qingdao", "CN"): (None, ["Tsingtao"], []),
    ("Ho Chi Minh City", "VN"): (None, ["Saigon"], []),
    ("Yangon", "MM"): (None, ["Rangoon"], []),
    ("Kyiv", "UA"): (None, ["Kiev"], []),
    ("Chisinau", "MD"): (None, ["Kishinev"], []),
    ("Ashgabat", "TM"): (None, ["Ashkhabad"], []),
    ("Busan", "KR"): (None, ["Pusan"], []),
    ("Ulan Bator", "MN"): (None, ["Ulaanbaatar"], []),
    ("Kathmandu", "NP"): (None, ["Katmandu"], []),
    ("Tehran", "IR"): (None, ["Teheran"], []),
    ("Makkah", "SA"): ("Mecca", ["Makkah"], []),
    ("Basrah", "IQ"): (None, ["Basra"], []),
    ("Sanaa", "YE"): (None, ["Sana'a"], []),
    ("Munich", "DE"): (None, ["München"], []),
    ("Köln", "DE"): ("Cologne", ["Köln"], []),
    ("Nürnberg", "DE"): ("Nuremberg", ["Nürnberg"], []),
    ("Hannover", "DE"): (None, ["Hanover"], []),
    ("Frankfurt am Main", "DE"): ("Frankfurt", ["Frankfurt am Main"], []),
    ("Göteborg", "SE"): ("Gothenburg", ["Göteborg"], []),
    ("Antwerpen", "BE"): ("Antwerp", ["Antwerpen"], []),
    ("Gent", "BE"): ("Ghent", ["Gent"], []),
    ("Brugge", "BE"): ("Bruges", ["Brugge"], []),
    ("Brussels", "BE"): (None, ["Bruxelles", "Brussel"], []),
    ("Sevilla", "ES"): ("Seville", ["Sevilla"], []),
    ("Genoa", "IT"): (None, ["Genova"], []),
    ("Padova", "IT"): ("Padua", ["Padova"], []),
    ("Milan", "IT"): (None, ["Milano"], []),
    ("Naples", "IT"): (None, ["Napoli"], []),
    ("Florence", "IT"): (None, ["Firenze"], []),
    ("Turin", "IT"): (None, ["Torino"], []),
    ("Venice", "IT"): (None, ["Venezia"], []),
    ("Basel", "CH"): (None, ["Basle"], []),
    ("Genève", "CH"): ("Geneva", ["Genève", "Genf"], []),
    ("Bern", "CH"): (None, ["Berne"], []),
    ("Kraków", "PL"): (None, ["Cracow"], []),
    ("Warsaw", "PL"): (None, ["Warszawa"], []),
    ("Prague", "CZ"): (None, ["Praha"], []),
    ("Vienna", "AT"): (None, ["Wien"], []),
    ("Lisbon", "PT"): (None, ["Lisboa"], []),
    ("Copenhagen", "DK"): (None, ["København"], []),
    ("The Hague", "NL"): (None, ["Den Haag", "'s-Gravenhage"], []),
    ("Bucharest", "RO"): (None, ["București"], []),
    ("Belgrade", "RS"): (None, ["Beograd"], []),
    ("Marseille", "FR"): (None, ["Marseilles"], []),
    ("Mexico City", "MX"): (None, ["Ciudad de México"], ["CDMX"]),
    ("New York City", "US"): (None, ["New York"], ["NYC"]),
    ("Washington", "US"): (None, ["Washington, D.C.", "Washington DC"], []),
}
# Cities below the population threshold that news names often.
EXTRA_CITIES = {("Venice", "IT")}
# Namesakes of a foreign capital kept although smaller: news names them
# with their country.
KEEP_NAMESAKE = {("Tripoli", "LB")}
# Fixed ids where the generic slug would mislead.
FIXED_IDS = {("Washington", "US"): "place/washington-dc-us"}

# A name shared with a country: the distinctive name to use instead (cities
# keyed by (GeoNames name, cc), divisions by their "CC.code").
RENAME = {
    ("Panamá", "PA"): "Panama City",
    ("Djibouti", "DJ"): "Djibouti City",
    ("Luxembourg", "LU"): "Luxembourg City",
    "US.NY": "New York State",
    "MX.15": "State of Mexico",
}
# The titles of a US state's governor and of its members of Congress: "Rep.
# John Lewis of Georgia" names the state, not the country (whose parliament
# has no senators or representatives).
STATE_TITLES = ["governor", "Gov.", "senator", "Sen.", "Rep.", "representative",
                "congressman", "congresswoman"]
# Divisions: extra names, exact forms and cues (keyed "CC.code").
DIVISION_EXTRA = {
    "US.NY": ([], [], ["Albany", "state", *STATE_TITLES]),
    "US.WA": (["Washington State"], [], ["state", "Seattle", "Olympia"]),
    "US.GA": ([], [], ["Atlanta", "state", "U.S.", *STATE_TITLES]),
    "US.DC": ([], [], []),
    "MX.15": (["Estado de México"], [], []),
}
# Divisions' names that count only with context (keyed "CC.code"): the
# state of New York, whose name is the city's ("Sen. Chuck Schumer of New
# York"); the city keeps it unless a cue of the state decides.
DIVISION_CONTEXT_NAMES = {"US.NY": ["New York"]}
# AP-style abbreviations of US states and Canadian provinces. Left out
# because they are everyday words or names in capitals: Ill., Ind., La.,
# Me., Miss., Mo., Wash., Mass. ("Mass"), Del. ("Del Monte"), Kan. ("Kan"),
# Mont. ("Mont Blanc"), Ore., Ark., Tex.; Que., B.C. ("before Christ"),
# N.B. ("nota bene"), Man., Alta.
ABBREV = {
    "US.AL": ["Ala."], "US.AZ": ["Ariz."], "US.CA": ["Calif."], "US.CO": ["Colo."],
    "US.CT": ["Conn."], "US.FL": ["Fla."], "US.GA": ["Ga."], "US.KY": ["Ky."],
    "US.MD": ["Md."], "US.MI": ["Mich."], "US.MN": ["Minn."], "US.NE": ["Neb."],
    "US.NV": ["Nev."], "US.NH": ["N.H."], "US.NJ": ["N.J."], "US.NM": ["N.M."],
    "US.NY": ["N.Y."], "US.NC": ["N.C."], "US.ND": ["N.D."], "US.OK": ["Okla."],
    "US.PA": ["Pa."], "US.RI": ["R.I."], "US.SC": ["S.C."], "US.SD": ["S.D."],
    "US.TN": ["Tenn."], "US.VT": ["Vt."], "US.VA": ["Va."], "US.WV": ["W.Va."],
    "US.WI": ["Wis."], "US.WY": ["Wyo."], "US.DC": ["D.C."],
    "CA.08": ["Ont."], "CA.11": ["Sask."], "CA.05": ["Nfld."], "CA.09": ["P.E.I."],
}
# All AP abbreviations, including those left out above: as cues of the
# cities of the state ("Kansas City, Mo."), never as names.
CUE_ABBREV = {
    "US.IL": ["Ill."], "US.IN": ["Ind."], "US.LA": ["La."], "US.MS": ["Miss."],
    "US.MO": ["Mo."], "US.WA": ["Wash."], "US.MA": ["Mass."], "US.DE": ["Del."],
    "US.KS": ["Kan."], "US.MT": ["Mont."], "US.OR": ["Ore."], "US.AR": ["Ark."],
    "US.PA": ["Penn."], "US.TX": ["Tex."],
    "CA.10": ["Que."], "CA.02": ["B.C."], "CA.01": ["Alta."], "CA.03": ["Man."],
    "CA.07": ["N.S."], "CA.04": ["N.B."],
}
# A division that may keep a country's name: the cues tell them apart.
SHARES_COUNTRY_NAME = {"US.GA"}
# Divisions whose name is only generic words ("North", "Central",
# "Littoral"): left out, as no mention of them is safe.
GENERIC = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "northeast", "northwest", "southeast",
    "southwest", "north east", "north west", "south east", "south west",
    "littoral", "plateau", "plateaux", "islands", "lakes", "unity", "bay",
    "forest", "vale", "trinity", "maritime", "cascade", "oriental", "est",
    "ouest", "nord", "sud", "capital", "coast", "coastal", "upper", "lower",
    "middle", "highlands", "lake", "river", "rivers", "mountain", "border",
    "interior", "island", "savannah", "mono", "pool", "canaries", "northern islands",
}
# Names whose lower-case dictionary word comes from the place itself, or is
# too rare to matter: no `context` flag.
NOT_CONTEXT = {
    "manila", "cologne", "bologna", "mecca", "canton", "berlin", "hamburg",
    "frankfurt", "bordeaux", "champagne", "cayenne", "seville", "lima",
    "tangier", "damascus", "toledo", "jerez", "sherry", "java", "shanghai",
    "cashmere", "oxford", "cambridge", "jersey", "fez", "angora", "turin",
    "naples", "venice", "roman", "limerick", "worcester", "derby", "cheddar",
    "dijon", "tabriz", "mosul", "calico", "madras", "bombay", "peking",
    "siena", "shiraz", "bangkok", "nankeen", "gaza", "sodom", "mocha",
    "valencia", "paris", "rome", "athens", "moscow", "london", "dublin",
    "liege", "perm", "astrakhan", "muscat", "wellington", "anchorage", "cairns",
    "pecs", "hue",
    "havana", "panama", "chihuahua", "denim", "tulle", "bayonne", "milan",
    "cordoba", "cordova", "delft", "meerut", "bikini", "santiago", "salvador",
}
# Common English first names and surnames that are also city names.
PERSON_NAMES = {
    "florence", "eugene", "victoria", "hamilton", "lincoln", "jackson", "madison",
    "austin", "charlotte", "raleigh", "lawrence", "chester", "irving", "warren",
    "clinton", "marion", "beverly", "vernon", "lafayette", "garland", "fontana",
    "carson", "murray", "preston", "darwin", "douglas", "wilson", "kent",
    "albert", "allen", "arlington", "ashley", "bradford", "burlington",
    "chandler", "clayton", "columbia", "cooper", "cortez", "dayton", "denton",
    "elgin", "everett", "frederick", "gilbert", "hampton", "hayward", "henderson",
    "kingston", "lancaster", "lewis", "maria", "mesa", "milton", "norman",
    "oakley", "paterson", "pearland", "quincy", "richardson", "salem", "sandy",
    "stanley", "sydney", "tyler", "vancouver", "wayne",
    "alexandria", "adelaide", "regina", "sofia", "isabela", "esperanza",
    "concepcion", "dolores", "mercedes", "rosario", "soledad", "trinidad",
    "victoria de durango", "carmen", "lorena", "natal",
    "gloria", "pilar", "linda", "paulo", "jose", "patos", "aurora", "irvine",
    "lowell", "davie", "mckinney", "salinas",
    "angeles", "leon", "miranda", "orlando", "laredo", "odessa",
    "anderson", "jacksonville", "nelson", "morris", "murcia", "wells",
    "palmer", "bryan", "troy", "hugo", "luis", "mariana", "medina", "santos",
    "franco", "moreno", "pasco", "goya", "linares", "ramos", "navarro",
}
# Cities that stay context-free although a list above names them: their
# city reading dominates in news.
PERSON_OK = {
    "sydney", "vancouver", "adelaide", "alexandria", "sofia", "santos", "laredo",
    "orlando", "columbia", "kingston", "austin", "charlotte", "raleigh",
    "victoria de durango", "odessa", "concepcion", "jacksonville", "regina", "natal",
    "murcia", "rosario", "dayton", "arlington",
}
# Everyday words or brands in capitals that the word list misses.
HAND_WORDS = {"columbia", "temple", "of", "split", "nice", "reading", "bath"}


def fold(s):
    """Approximately the crate's folding: lower case, no accents, words
    joined by single spaces."""
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    s = s.replace("Ł", "L").replace("æ", "ae").replace("œ", "oe").replace("đ", "d")
    s = s.replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(w for w in re.split(r"[\W_]+", s) if w)


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def say(*a):
    print(*a, file=sys.stderr)


def load_toml():
    """Ids, countries and hand-written place names of data/*.toml."""
    ids, countries, country_forms, hand_places = set(), {}, {}, {}
    other_forms = defaultdict(set)
    surnames = set()  # last words and short forms of the gazetteer's people
    metonyms = defaultdict(set)  # folded metonym -> countries it stands for
    for path in sorted(glob.glob(os.path.join(DATA, "*.toml"))):
        for e in tomllib.load(open(path, "rb")).get("entity", []):
            ids.add(e["id"])
            forms = [e["name"], *e.get("names", []), *e.get("exact", []),
                     *e.get("demonyms", [])]
            if e["kind"] == "country":
                countries[e["id"]] = e["name"]
                for f in forms:
                    country_forms[fold(f)] = e["id"]
                for m in e.get("metonyms", []):
                    metonyms[fold(m)].add(e["id"])
            elif e["kind"] == "place":
                for f in forms:
                    hand_places[fold(f)] = e["id"]
            else:
                for f in forms + e.get("metonyms", []):
                    other_forms[fold(f)].add(e["id"])
            if e["kind"] == "person":
                surnames.add(fold(e["name"]).split(" ")[-1])
                surnames.update(fold(p) for p in e.get("partial", []))
    return ids, countries, country_forms, hand_places, other_forms, surnames, metonyms


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def main(src, out):
    ids, countries, country_forms, hand_places, other_forms, surnames, metonyms = load_toml()
    if not os.path.exists(WORDS):
        sys.exit(f"{WORDS} missing: install the word list (apt-get install wamerican)")
    words = {w.strip() for w in open(WORDS, encoding="utf-8")
             if w.strip().islower() and "'" not in w}

    admin1 = {}
    for row in read_tsv(os.path.join(src, "admin1CodesASCII.txt")):
        admin1[row[0]] = row[1]
    country_name = {}
    for row in read_tsv(os.path.join(src, "countryInfo.txt")):
        country_name[row[0]] = row[4]

    def country_id(cc):
        cid = f"country/{cc.lower()}"
        return cid if cid in countries else None

    skipped, context, rows = [], [], []

    # ------------------------------------------------------------ cities
    cities = []
    left_codes = Counter()
    for r in read_tsv(os.path.join(src, "cities15000.txt")):
        gid, name, code, cc, a1, pop = r[0], r[1], r[7], r[8], r[10], int(r[14] or 0)
        key = (name, cc)
        wanted = pop >= MIN_POP or code in ("PPLC", "PPLG") or key in EXTRA_CITIES
        if not wanted:
            continue
        if code not in KEEP_CODES:
            left_codes[code] += 1
            continue
        if gid in SKIP_GEONAMEIDS or key in SKIP_CITIES:
            skipped.append(f"city {name} ({cc}): not a recognised seat")
            continue
        cities.append(dict(gid=gid, key=key, gname=name, name=name, code=code, cc=cc, a1=a1,
                           pop=pop, names=[], exact=[]))
    say(f"left out {sum(left_codes.values())} sections/localities: {dict(left_codes)}")
    seen_keys = {(c["gname"], c["cc"]) for c in cities}
    for k in list(EXONYMS) + list(EXTRA_CITIES):
        if k not in seen_keys:
            sys.exit(f"exonym table names {k}, not among the cities")

    kept = []
    for c in cities:
        key = (c["gname"], c["cc"])
        cid = country_id(c["cc"])
        if cid is None:
            skipped.append(f"city {c['name']} ({c['cc']}): no country/{c['cc'].lower()}")
            continue
        c["country"] = cid
        if key in EXONYMS:
            disp, more, exact = EXONYMS[key]
            if disp:
                c["name"] = disp
            c["names"] += [n for n in more if n != c["name"]]
            c["exact"] += exact
        if key in RENAME:
            c["name"] = RENAME[key]
        # "Saint X" and "St. X" are both written.
        for n in [c["name"], *c["names"]]:
            m = re.match(r"^(Saint|St\.) (.+)$", n)
            if m:
                alt = ("St. " if m.group(1) == "Saint" else "Saint ") + m.group(2)
                if alt not in c["names"] and alt != c["name"]:
                    c["names"].append(alt)
        # No city shares a country's name or alias.
        bad = [n for n in [c["name"], *c["names"]] if fold(n) in country_forms]
        if fold(c["name"]) in country_forms:
            skipped.append(f"city {c['name']} ({c['cc']}): name of "
                           f"{country_forms[fold(c['name'])]}")
            continue
        for n in bad:
            skipped.append(f"alias {n!r} of city {c['name']} ({c['cc']}): a country's")
            c["names"].remove(n)
        if fold(c["name"]) in hand_places:
            skipped.append(f"city {c['name']} ({c['cc']}): hand-written as "
                           f"{hand_places[fold(c['name'])]}")
            continue
        c["names"] = [n for n in c["names"] if fold(n) not in hand_places]
        kept.append(c)
    # GeoNames sometimes holds one town twice (same name, same division):
    # keep the more populous record.
    best = {}
    for c in kept:
        k = (fold(c["name"]), c["cc"], c["a1"])
        if k not in best or c["pop"] > best[k]["pop"]:
            best[k] = c
    for c in kept:
        k = (fold(c["name"]), c["cc"], c["a1"])
        if best[k] is not c:
            skipped.append(f"city {c['name']} ({c['cc']}.{c['a1']}, {c['gid']}): "
                           f"a second record of {best[k]['gid']}")
    cities = [c for c in kept if best[(fold(c["name"]), c["cc"], c["a1"])] is c]

    # ids: place/<slug>-<cc>, with the admin1 code when the slug repeats.
    by_slug = defaultdict(list)
    for c in cities:
        by_slug[(slug(c["name"]), c["cc"])].append(c)
    for (s, cc), group in by_slug.items():
        for c in group:
            c["id"] = f"place/{s}-{cc.lower()}"
            if len(group) > 1:
                c["id"] += f"-{slug(c['a1'])}" if c["a1"] else ""
            c["id"] = FIXED_IDS.get((c["gname"], c["cc"]), c["id"])
    count = Counter(c["id"] for c in cities)
    for c in cities:
        if count[c["id"]] > 1:
            c["id"] += f"-{c['gid']}"

    city_forms = defaultdict(set)  # folded name -> country codes of cities
    for c in cities:
        for n in [c["name"], *c["names"]]:
            city_forms[fold(n)].add(c["cc"])

    # ------------------------------------------------------------ divisions
    divisions = []
    for code, name in admin1.items():
        cc, a1 = code.split(".", 1)
        cid = country_id(cc)
        if cid is None:
            skipped.append(f"division {name} ({code}): no country/{cc.lower()}")
            continue
        names, exact, cues = [], list(ABBREV.get(code, [])), []
        # datelines write them in capitals too ("TROY, MICH."); only the
        # longer ones, which spell no other word or acronym
        exact += [a.upper() for a in ABBREV.get(code, [])
                  if len(a.rstrip(".")) >= 3 and "." not in a.rstrip(".") and a != "Ala."]
        extra = DIVISION_EXTRA.get(code)
        if extra:
            names += extra[0]
            exact += extra[1]
            cues += extra[2]
        if code in RENAME:
            name = RENAME[code]
        if fold(name) in GENERIC:
            skipped.append(f"division {name} ({code}): a generic word")
            continue
        if fold(name) in country_forms and code not in SHARES_COUNTRY_NAME:
            skipped.append(f"division {name} ({code}): name of {country_forms[fold(name)]}")
            continue
        if fold(name) in hand_places:
            skipped.append(f"division {name} ({code}): hand-written as {hand_places[fold(name)]}")
            continue
        if cc in city_forms.get(fold(name), ()):
            skipped.append(f"division {name} ({code}): a city of {cc} has that name")
            continue
        names = [n for n in names if fold(n) not in country_forms and fold(n) not in hand_places]
        if not cues:
            cues = [countries[cid]]
        # Abbreviations that are also words ("Ill.", "Mass."): they count
        # only with context, such as a dateline ("KOKOMO, Ind.").
        ctx = CUE_ABBREV.get(code, [])
        ctx = list(dict.fromkeys(ctx + [a.upper() for a in ctx]))
        ctx += DIVISION_CONTEXT_NAMES.get(code, [])
        divisions.append(dict(id=f"place/{cc.lower()}-{slug(a1)}", name=name, country=cid,
                              pop=None, names=names, exact=exact, cues=cues, cc=cc,
                              context_names=ctx))

    # A namesake of another country's capital ("London", Ontario; "Athens",
    # Georgia): the capital is also that country's metonym, and the tagger
    # cannot weigh a metonym against a place's population, so a namesake
    # less populous than the capital (or of a former state's capital, "Bonn")
    # is left out, unless KEEP_NAMESAKE keeps it.
    def capital_pop(f, cids):
        pops = [c["pop"] for c in cities
                if c["country"] in cids and f in {fold(n) for n in [c["name"], *c["names"]]}]
        return max(pops, default=None)

    def namesake_ok(e):
        for n in list([e["name"], *e["names"]]):
            f = fold(n)
            others = metonyms.get(f, set()) - {e["country"]}
            if not others:
                continue
            cap = capital_pop(f, others)
            what = f"{e['name']} ({e['id']}): {n!r} stands for {sorted(others)}"
            if e.get("key") in KEEP_NAMESAKE or (cap is not None and (e["pop"] or 0) > cap):
                say(f"kept namesake {what}")
                continue
            if n == e["name"]:
                skipped.append(f"namesake {what}, capital pop {cap}")
                return False
            e["names"].remove(n)
            skipped.append(f"alias of namesake {what}")
        return True

    cities = [c for c in cities if namesake_ok(c)]
    divisions = [d for d in divisions if namesake_ok(d)]

    # cues of cities: their division's name
    for c in cities:
        div = admin1.get(f"{c['cc']}.{c['a1']}")
        c["cues"] = [div] if div and fold(div) != fold(c["name"]) else []
        code = f"{c['cc']}.{c['a1']}"
        c["cues"] += [a.rstrip(".") for a in ABBREV.get(code, []) + CUE_ABBREV.get(code, [])]

    # ------------------------------------------------------------ context flags
    for e in cities + divisions:
        f = fold(e["name"])
        is_word = f in words and f not in NOT_CONTEXT
        is_word = is_word or f in HAND_WORDS
        is_person = (f in PERSON_NAMES or f in surnames) and f not in PERSON_OK
        is_other = any(fold(n) in other_forms for n in [e["name"], *e["names"]])
        e["context"] = is_word or is_person or is_other
        e["person"] = is_person and not is_word and not is_other
        if e["context"]:
            context.append(f"{e['name']} ({e['cc']}){' word' if is_word else ''}"
                           f"{' person' if is_person else ''}{' entity' if is_other else ''}")
    same = defaultdict(list)
    for c in cities:
        same[(fold(c["name"]), c["cc"])].append(c["id"])
    same = {k: v for k, v in same.items() if len(v) > 1}

    # ------------------------------------------------------------ checks
    all_ids = Counter([e["id"] for e in cities + divisions])
    dup = [i for i, n in all_ids.items() if n > 1] + [i for i in all_ids if i in ids]
    if dup:
        sys.exit(f"duplicate ids: {dup[:20]}")
    shared = []
    for e in cities + divisions:
        for n in [e["name"], *e["names"]]:
            if fold(n) in other_forms:
                shared.append(f"{n} ({e['id']}) ~ {sorted(other_forms[fold(n)])}")

    # ------------------------------------------------------------ write
    def clean(s):
        assert "\t" not in s and "|" not in s and "\n" not in s and s == s.strip() and s, s
        return s

    def row(e):
        return "\t".join([
            e["id"], "place", clean(e["name"]), e["country"],
            "" if e["pop"] is None else str(e["pop"]),
            "|".join(map(clean, dict.fromkeys(e["names"]))),
            "|".join(map(clean, e["exact"])),
            "|".join(map(clean, e["cues"])),
            "person" if e["person"] else "context" if e["context"] else "",
            "|".join(map(clean, e.get("context_names", []))),
        ])

    cities.sort(key=lambda c: c["id"])
    divisions.sort(key=lambda d: d["id"])
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(cities=len(cities), divisions=len(divisions)))
        f.write("# id\tkind\tname\tcountry\tpopulation\tnames\texact\tcues\tflags\tcontext_names\n")
        for e in cities + divisions:
            f.write(row(e) + "\n")

    say(f"cities: {len(cities)}, divisions: {len(divisions)}, "
        f"flagged context: {len(context)}, skipped: {len(skipped)}")
    say("\n== skipped ==\n" + "\n".join(skipped))
    say("\n== context ==\n" + "\n".join(context))
    say("\n== names shared with other (non-place) entities ==\n" + "\n".join(shared))
    say(f"\n== {len(same)} names shared by cities of one country ==")
    say("; ".join(f"{k[0]} {v}" for k, v in sorted(same.items())))


HEADER = """\
# Places generated from GeoNames: {cities} cities (every city of 100,000
# people or more, every capital and seat of government) and {divisions}
# first-level divisions, each linked to its country.
#
# Source: GeoNames, geonames.org (cities15000.txt of 2025-11-19,
# admin1CodesASCII.txt, countryInfo.txt), licensed under Creative Commons
# Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/). This table
# is an adaptation (filtered, with English exonyms, abbreviations and flags
# added by hand in the script) and is offered under CC BY 4.0 too:
# attribute "GeoNames, geonames.org".
#
# Generated; do not edit. Change scripts/gen_places.py and regenerate:
#   python3 scripts/gen_places.py /work/shared/data/geonames data/places.tsv
#
# Columns (tab-separated; lists |-separated; flag `context` = the name is
# also a common word or another entity's name and counts only with context;
# flag `person` = the name is also a person's name: it counts only with
# context, and a word that takes a place, not a person ("in"), before it
# is context enough).
"""

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
