#!/usr/bin/env python3
"""Generate data/countries.toml from mledoze/countries' countries.json.

Usage: python3 scripts/gen_countries.py PATH/TO/countries.json > data/countries.toml
   or: python3 scripts/gen_countries.py PATH/TO/countries.json data/countries.toml

The source (https://github.com/mledoze/countries) is under the Open Database
License 1.0; the generated file is a derived database, offered under the ODbL.

Rules applied to every country (then the OVERRIDES below win):
  - id "country/<alpha-2 lower case>", iso = cca2
  - name = name.common (news-style overrides in OVERRIDES)
  - names = name.official, Latin-script altSpellings and native common names
    that are proper names (no 2-letter codes, no forms starting in lower
    case, no inverted "X, Republic of" forms), minus DROP_ALIASES
  - demonyms = demonyms.eng m and f (split on ", " and " or "), plus the
    plural in -s for demonyms ending in -an, -i or -er
  - metonyms = the capital(s), unless the capital folds to the country's own
    name or is in SKIP_CAPITALS (common words, shared or ambiguous names)
  - currencies = "<demonym> <unit>" and its plural for the money the
    country uses or used (FORMER_UNITS), its currency's own name when that
    starts with the country's demonym, and STANDALONE words ("yen")
  - an alias (folded) used by two countries is kept only by the country in
    OWNERS (or whose display name it is) and dropped from the others;
    remaining clashes are dropped everywhere and reported on stderr.
"""
import json
import re
import sys
import unicodedata
from collections import defaultdict

# --- hand-written overrides -------------------------------------------------

# Per alpha-2: any field given replaces the generated one; "add_*" fields
# are appended; "drop" removes aliases (compared folded) from every field.
OVERRIDES = {
    "US": dict(name="United States", names=["United States of America", "America"],
               exact=["US", "U.S.", "USA", "U.S.A."], demonyms=["American", "Americans"],
               metonyms=["Washington", "White House"]),
    "GB": dict(name="United Kingdom",
               names=["Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
               exact=["UK", "U.K."], demonyms=["British", "Briton", "Britons"],
               metonyms=["London", "Downing Street", "Whitehall"]),
    "RU": dict(names=["Russian Federation"], metonyms=["Moscow", "Kremlin"]),
    "CN": dict(names=["People's Republic of China", "Zhongguo"], exact=["PRC"], metonyms=["Beijing"]),
    "TW": dict(names=["Republic of China (Taiwan)", "Republic of China", "Chinese Taipei"],
               metonyms=["Taipei"]),
    "FR": dict(names=["French Republic", "République française"], metonyms=["Paris", "Elysée", "Élysée Palace"]),
    "DE": dict(names=["Federal Republic of Germany", "Bundesrepublik Deutschland", "Deutschland"],
               demonyms=["German", "Germans"], metonyms=["Berlin"]),
    "MX": dict(names=["United Mexican States", "Estados Unidos Mexicanos"], metonyms=["Mexico City"]),
    "IL": dict(metonyms=["Jerusalem"]),
    "KR": dict(names=["Republic of Korea"], exact=["ROK"]),
    "KP": dict(names=["Democratic People's Republic of Korea"], exact=["DPRK"]),
    "CZ": dict(name="Czech Republic", names=["Czechia", "Česko", "Česká republika"],
               demonyms=["Czech", "Czechs"]),
    "TR": dict(name="Turkey", names=["Türkiye", "Republic of Türkiye", "Republic of Turkey"],
               demonyms=["Turkish", "Turk", "Turks"]),
    "CI": dict(name="Ivory Coast", names=["Côte d'Ivoire", "Republic of Côte d'Ivoire"],
               demonyms=["Ivorian", "Ivorians"]),
    "CD": dict(name="Democratic Republic of the Congo",
               names=["DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
               exact=["DRC"]),
    "CG": dict(name="Republic of the Congo",
               names=["Republic of Congo", "Congo Republic", "Congo-Brazzaville"]),
    "TL": dict(name="East Timor", names=["Timor-Leste", "Democratic Republic of Timor-Leste"]),
    "AE": dict(exact=["UAE", "U.A.E."], names=[], demonyms=["Emirati", "Emiratis"],
               metonyms=["Abu Dhabi"]),
    "SA": dict(names=["Kingdom of Saudi Arabia"], demonyms=["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"],
               metonyms=["Riyadh"]),
    "TH": dict(names=["Kingdom of Thailand", "Siam"], demonyms=["Thai", "Thais"]),
    "MM": dict(names=["Burma", "Republic of the Union of Myanmar"], demonyms=["Burmese"]),
    "MK": dict(names=["Macedonia", "Republic of North Macedonia", "Former Yugoslav Republic of Macedonia"],
               exact=["FYROM"]),
    "IR": dict(names=["Islamic Republic of Iran", "Persia"]),
    "VN": dict(names=["Socialist Republic of Vietnam", "Viet Nam"]),
    "LA": dict(names=["Lao People's Democratic Republic"], demonyms=["Laotian", "Laotians"]),
    "VA": dict(names=["Vatican", "Holy See", "Vatican City State"], demonyms=[]),
    "NL": dict(names=["Kingdom of the Netherlands", "Holland", "Nederland"],
               demonyms=["Dutch"], metonyms=["Amsterdam", "The Hague"]),
    "BA": dict(names=["Bosnia", "Bosnia-Herzegovina", "Bosna i Hercegovina"],
               demonyms=["Bosnian", "Bosnians", "Herzegovinian", "Herzegovinians"]),
    "FK": dict(names=["Falklands", "Islas Malvinas", "Malvinas"], metonyms=[]),
    "GM": dict(names=["Republic of the Gambia", "The Gambia"]),
    "BS": dict(names=["Commonwealth of the Bahamas", "The Bahamas"]),
    "SZ": dict(names=["Kingdom of Eswatini", "Swaziland"], demonyms=["Swazi", "Swazis"]),
    "CV": dict(names=["Republic of Cabo Verde", "Cabo Verde"], demonyms=["Cape Verdean", "Cape Verdeans"]),
    "UA": dict(metonyms=["Kyiv", "Kiev"]),
    # Georgia shares its name with the US state (data/places.toml): cue
    # words near a mention point to the country.
    "GE": dict(cues=["Tbilisi", "Caucasus", "Abkhazia", "Ossetia", "Georgian"]),
    "MN": dict(metonyms=["Ulaanbaatar", "Ulan Bator"]),
    "BO": dict(metonyms=["La Paz"]),
    "ZA": dict(names=["Republic of South Africa"], metonyms=["Pretoria"]),
    "KG": dict(demonyms=["Kyrgyz", "Kirghiz"]),
    "TJ": dict(demonyms=["Tajik", "Tajiks", "Tadzhik"]),
    "KZ": dict(demonyms=["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"]),
    "UZ": dict(demonyms=["Uzbek", "Uzbeks", "Uzbekistani", "Uzbekistanis"]),
    "EC": dict(demonyms=["Ecuadorian", "Ecuadorians", "Ecuadorean", "Ecuadoreans"]),
    "MV": dict(names=["Republic of the Maldives", "Maldive Islands"], demonyms=["Maldivian", "Maldivians"]),
    "PH": dict(demonyms=["Filipino", "Filipinos", "Filipina"]),
    "PL": dict(demonyms=["Polish", "Poles"]),
    "DK": dict(demonyms=["Danish", "Dane", "Danes"]),
    "SE": dict(demonyms=["Swedish", "Swede", "Swedes"]),
    "FI": dict(demonyms=["Finnish", "Finns"]),
    "ES": dict(demonyms=["Spanish", "Spaniard", "Spaniards"]),
    "GR": dict(demonyms=["Greek", "Greeks"]),
    "RS": dict(demonyms=["Serbian", "Serbians", "Serb", "Serbs"]),
    "HR": dict(demonyms=["Croatian", "Croatians", "Croat", "Croats"]),
    "SI": dict(demonyms=["Slovene", "Slovenes", "Slovenian", "Slovenians"]),
    "SK": dict(demonyms=["Slovak", "Slovaks", "Slovakian"]),
    "KW": dict(metonyms=["Kuwait City"]),
    "BD": dict(demonyms=["Bangladeshi", "Bangladeshis"]),
    "NP": dict(demonyms=["Nepalese", "Nepali", "Nepalis"]),
    "PS": dict(names=["State of Palestine"], metonyms=["Ramallah"]),
    "BN": dict(names=["Brunei Darussalam", "Nation of Brunei"]),
    "MO": dict(names=["Macao"]),
    "SX": dict(names=[]),
    "MF": dict(names=["Collectivity of Saint Martin"]),
    "BQ": dict(names=["Bonaire, Sint Eustatius and Saba"]),
    "IO": dict(demonyms=[]),
    "AQ": dict(demonyms=[]),
    "UM": dict(demonyms=[]),
    "GS": dict(demonyms=[]),
    "KN": dict(demonyms=["Kittitian", "Nevisian"]),
    "DJ": dict(demonyms=["Djiboutian", "Djiboutians"]),
    "GI": dict(demonyms=["Gibraltarian", "Gibraltarians"]),
    "AR": dict(demonyms=["Argentine", "Argentines", "Argentinian", "Argentinians"]),
    "HK": dict(demonyms=["Hong Konger", "Hong Kongers"]),
    "SH": dict(names=["Saint Helena", "St. Helena"]),
    "BL": dict(names=["Collectivity of Saint Barthélemy", "St. Barthelemy", "St. Barts", "St Barts"]),
}

# Aliases (compared folded) never taken from the source: common words,
# other entities' names, or forms that do not name the country on their own.
DROP_ALIASES = {
    "island",        # Iceland's Icelandic name; an English word
    "mann",          # Isle of Man; a surname
    "timor",         # the island, shared with Indonesia
    "emirates",      # also the airline
    "portuguesa",
    "mexicanos",
    "prathet",
    "lao",
    "saudi",         # moved to demonyms
    "thai",          # moved to demonyms
    "togolese",      # a demonym
    "zhonghua",
    "bes islands",
    "the islands of bermuda",
    "the bermudas",
    "the abode of peace",
    "pitcairn",
    "the former yugoslav republic of macedonia",
    "antarctican",
    "american islander",
    "south georgian south sandwich islander",
    "channel islander",
    "virgin islander",
    "djiboutis",     # plural of a demonym that is only the country's name
    "virgin islands",  # both the British and the US Virgin Islands
    "wai tu kubuli",
    "pleasant island",
    "dgernesiais",   # Guernsey's language
    "maurice",       # Mauritius in French; a common first name
    "moris",
    "dominique",     # Dominica in French; a common first name
    "guiana",        # the whole Guiana region, not only French Guiana
}

# Plurals the -an/-i/-er rule does not produce.
PLURAL_EXTRA = {
    "Cypriot": "Cypriots", "Kosovar": "Kosovars", "Montenegrin": "Montenegrins",
    "Nigerien": "Nigeriens", "Argentine": "Argentines",
}

# Capitals never used as metonyms: common words, people's names, names
# shared with other places, or capitals that equal the country's name.
SKIP_CAPITALS = {
    "The Valley", "Hamilton", "Stanley", "Douglas", "Victoria", "City of Victoria",
    "Georgetown", "George Town", "Jamestown", "Plymouth", "Saint John's",
    "Saint-Denis", "Saint-Pierre", "West Island", "Sofia", "Malé", "Moroni",
    "Sucre", "Kingston", "Oranjestad", "The Bottom", "Bloemfontein", "Cape Town",
    "Washington D.C.", "City of San Marino", "Vatican City", "Praia",
    "Saint Helier", "St. Peter Port", "Basseterre", "Basse-Terre", "San José", "San Juan", "Kralendijk", "Lobamba", "Gitega",
}
# Kingston goes to Jamaica only, Oranjestad to Aruba only.
EXTRA_METONYMS = {"JM": ["Kingston"], "AW": ["Oranjestad"], "SZ": ["Mbabane"],
                  "BI": ["Gitega", "Bujumbura"]}

# Who keeps an alias two countries share (folded alias -> alpha-2).
OWNERS = {
    "dutch": "NL", "french": "FR", "norwegian": "NO", "american": "US", "americans": "US",
    "indian": "IN", "indians": "IN", "congolese": None, "dominican": "DO", "dominicans": "DO",
    "saint martin": "MF", "british": "GB", "norwegians": "NO",
    "american dollar": "US", "american dollars": "US", "pound sterling": "GB",
}

# Former states (ISO 3166-3), written by hand.
FORMER = [
    dict(id="country/su", name="Soviet Union", iso="SUHH",
         names=["Union of Soviet Socialist Republics"], exact=["USSR", "U.S.S.R."],
         demonyms=["Soviet", "Soviets"]),
    dict(id="country/west-germany", name="West Germany", iso="DE",
         demonyms=["West German", "West Germans"], metonyms=["Bonn"],
         currencies=["West German mark", "West German marks"]),
    dict(id="country/dd", name="East Germany", iso="DDDE",
         names=["German Democratic Republic"], exact=["GDR"],
         demonyms=["East German", "East Germans"], metonyms=["East Berlin"]),
    dict(id="country/yu", name="Yugoslavia", iso="YUCS",
         names=["Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia"],
         demonyms=["Yugoslav", "Yugoslavs", "Yugoslavian", "Yugoslavians"]),
    dict(id="country/cs", name="Czechoslovakia", iso="CSHH",
         names=["Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"],
         demonyms=["Czechoslovak", "Czechoslovaks", "Czechoslovakian", "Czechoslovakians"]),
    dict(id="country/zr", name="Zaire", iso="ZRCD",
         names=["Republic of Zaire"], demonyms=["Zairean", "Zaireans", "Zairian", "Zairians"]),
    dict(id="country/an", name="Netherlands Antilles", iso="ANHH",
         demonyms=["Netherlands Antillean", "Netherlands Antilleans"]),
    dict(id="country/yd", name="South Yemen", iso="YDYE",
         names=["People's Democratic Republic of Yemen"],
         demonyms=["South Yemeni", "South Yemenis"]),
]

FIELDS = ["names", "exact", "demonyms", "metonyms", "currencies"]

# Currency units a country used in the news of the last decades besides the
# one countries.json gives today (the euro replaced these in 1999-2002).
FORMER_UNITS = {
    "FR": ["franc"], "DE": ["mark", "deutschmark", "Deutsche mark"],
    "IT": ["lira"], "NL": ["guilder"], "BE": ["franc"], "ES": ["peseta"],
    "PT": ["escudo"], "AT": ["schilling"], "IE": ["punt"], "GR": ["drachma"],
    "FI": ["markka"], "LU": ["franc"],
}
# Irregular plurals of currency units; units not listed add "s".
UNIT_PLURALS = {"krone": "kroner", "krona": "kronor", "yen": None, "yuan": None, "won": None, "lira": "lire", "rand": None,
                "baht": None, "renminbi": None, "kwacha": None, "lek": None}
# Stand-alone currency words that name one country's money.
STANDALONE = {"JP": ["yen"], "GB": ["sterling", "pound sterling"],
              "US": ["U.S. dollar", "US dollar", "U.S. dollars", "US dollars"],
              "CN": ["yuan", "renminbi"]}


def unit_plural(unit):
    if unit in UNIT_PLURALS:
        return UNIT_PLURALS[unit]
    return unit + "s"


def currencies_of(c, demonyms):
    """Currency phrases: "<demonym> <unit>" and its plural for every unit the
    country uses or used, the currency's own name, and stand-alone words.
    A country's money is weak evidence that a story is about the country."""
    a2 = c["cca2"]
    # Only a country's own money: the name must start with its demonym or
    # name ("Japanese yen" is Japan's, not Zimbabwe's, which also uses it).
    own = tuple(d + " " for d in demonyms) + (c["name"]["common"] + " ",)
    names = [v["name"] for v in c.get("currencies", {}).values() if v["name"].startswith(own)]
    units = [n.split()[-1].lower() for n in names] + FORMER_UNITS.get(a2, [])
    singular = [d for d in demonyms if not d.endswith("s") or d.endswith("ss")]
    out = []
    for n in names:
        out += [n, n + "s"] if unit_plural(n.split()[-1].lower()) else [n]
    for d in singular[:1]:
        for u in units:
            if " " in u:  # a unit that is a name in itself ("Deutsche mark")
                out += [u, u + "s"]
                continue
            out.append(f"{d} {u}")
            p = unit_plural(u)
            if p:
                out.append(f"{d} {p}")
    out += STANDALONE.get(a2, [])
    return list(dict.fromkeys(out))

# --- helpers ----------------------------------------------------------------


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.split(r"[^\w]+|_", s)).strip()


def latin(s):
    for c in s:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


def proper(s):
    return len(s) > 2 and latin(s) and s[0].isupper() and ", " not in s and "ʁ" not in s


def plural(d):
    if d.endswith(("an", "i", "er")) and " " not in d.strip():
        return d + "s"
    if d.endswith(("an", "er")):  # "South Korean" -> "South Koreans"
        return d + "s"
    return None


def demonyms_of(c):
    out = []
    for key in ("m", "f"):
        v = c["demonyms"]["eng"].get(key, "")
        for part in re.split(r", | or ", v):
            part = part.strip()
            if part and part not in out and fold(part) not in DROP_ALIASES:
                out.append(part)
    for d in list(out):
        p = plural(d) or PLURAL_EXTRA.get(d)
        if p and p not in out:
            out.append(p)
    return out


def generate(path):
    data = json.load(open(path, encoding="utf-8"))
    ents = []
    for c in data:
        a2 = c["cca2"]
        o = OVERRIDES.get(a2, {})
        name = o.get("name", c["name"]["common"])
        names = [c["name"]["official"], c["name"]["common"]]
        names += [s for s in c["altSpellings"] if proper(s)]
        names += [v["common"] for v in c["name"].get("native", {}).values() if proper(v["common"])]
        names = [s for s in names if fold(s) not in DROP_ALIASES]
        if "names" in o:
            names = list(o["names"])
        caps = [k for k in c.get("capital", []) if k not in SKIP_CAPITALS]
        caps += EXTRA_METONYMS.get(a2, [])
        e = dict(
            id="country/" + a2.lower(), name=name, iso=a2,
            names=names, exact=list(o.get("exact", [])),
            demonyms=list(o["demonyms"]) if "demonyms" in o else demonyms_of(c),
            metonyms=list(o["metonyms"]) if "metonyms" in o else caps,
        )
        e["currencies"] = currencies_of(c, e["demonyms"])
        if o.get("cues"):
            e["cues"] = list(o["cues"])
        if "names" not in o and "name" in o:
            e["names"].append(c["name"]["common"])
        ents.append(e)
    # clean each entity: drop blocked forms, forms equal to the name, repeats
    for e in ents + FORMER:
        seen = {fold(e["name"])}
        for f in FIELDS:
            kept = []
            for s in e.get(f, []):
                k = fold(s)
                if not k or k in seen:
                    continue
                seen.add(k)
                kept.append(s)
            e[f] = kept
    # cross-country clashes
    allents = ents + FORMER
    users = defaultdict(list)
    for e in allents:
        users[fold(e["name"])].append((e, "name"))
        for f in FIELDS:
            for s in e[f]:
                users[fold(s)].append((e, f))
    for k, us in users.items():
        if len({id(e) for e, _ in us}) < 2:
            continue
        owner = None
        named = [e for e, f in us if f == "name"]
        if named:
            owner = named[0]["id"]
        elif k in OWNERS:
            owner = OWNERS[k] and "country/" + OWNERS[k].lower()
        else:
            print(f"warning: {k!r} shared by {[e['id'] for e, _ in us]}; dropped", file=sys.stderr)
        for e, f in us:
            if e["id"] != owner and f != "name":
                e[f] = [s for s in e[f] if fold(s) != k]
    ents.sort(key=lambda e: e["id"])
    return ents + FORMER


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


HEADER = """\
# Countries and territories: the 250 entries of ISO 3166-1 as listed by
# mledoze/countries (https://github.com/mledoze/countries, countries.json,
# commit 5e9f370050f83ad2ba4cb885f75d66114badf72c), plus former states
# (ISO 3166-3) that old news archives name.
#
# Source data (c) mledoze/countries, Open Database License (ODbL) 1.0,
# https://opendatacommons.org/licenses/odbl/1.0/. This file is a derived
# database and is itself offered under the ODbL 1.0 (share-alike).
#
# generated by scripts/gen_countries.py; edit the overrides in the script, then regenerate:
#   python3 scripts/gen_countries.py path/to/countries.json data/countries.toml
"""


def render(ents):
    out = [HEADER]
    for e in ents:
        out.append("\n[[entity]]")
        out.append(f"id = {q(e['id'])}")
        out.append('kind = "country"')
        out.append(f"name = {q(e['name'])}")
        out.append(f"iso = {q(e['iso'])}")
        for f in FIELDS:
            if e.get(f):
                out.append(f"{f} = [" + ", ".join(q(s) for s in e[f]) + "]")
        if e.get("cues"):
            out.append("cues = [" + ", ".join(q(s) for s in e["cues"]) + "]")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen_countries.py countries.json [out.toml]")
    text = render(generate(sys.argv[1]))
    if len(sys.argv) == 3:
        open(sys.argv[2], "w", encoding="utf-8").write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
