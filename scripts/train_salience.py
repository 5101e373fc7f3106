#!/usr/bin/env python3
"""Fit gazetag's salience model (data/salience.toml) on editor-tagged news.

The model says how likely an editor is to give each candidate tag of an
article: one logistic regression per kind of entity over the features the
tagger computes (see data/README.md). This script

  1. runs `gazetag --features` over the articles (or reads its output), so
     that every candidate tag comes with its features;
  2. labels each candidate from the editors' tags: 1 if the editor gave
     it, 0 if not, left out if the editor could not have given it;
  3. estimates how well the model does on articles it was not fitted on:
     k-fold cross-validation BY ARTICLE (an article's candidates are never
     scored by weights its own labels fitted), and prints precision,
     recall and F1 per kind at the 0.5 minimum score, a reliability table
     (predicted probability against the observed rate) and the Brier score;
  4. fits the weights on every article and writes them (--out).

Labels (--labels): JSON Lines, one object per article, matched to the
articles by id:

    {"id": "2013-04-30-mexico", "tags": ["country/mx", "agency/cisen"]}

  "tags"      the gazetag ids (`gazetag --list` shows them) of the entities
              the editor tagged the article with. Every other candidate of
              a kind in --kinds counts as one the editor chose not to give.
  "unjudged"  (optional) candidate ids the editor could not have given
              (outside the editor's vocabulary): left out of the fit.

Articles without a labels line are left out. With --reuters TOOLS_DIR the
labels come from the Reuters-21578 PLACES, ORGS and PEOPLE of the articles
themselves, mapped to gazetag tags exactly as TOOLS_DIR/eval_tags.py maps
them (countries by ISO code, organisations and people by label; a
candidate that maps to no Reuters code is unjudged), and the held-out
predictions are also scored by eval_tags.py itself.

Reproduce the shipped weights (about a minute; README.md, "Salience"):

    cargo build --release --example gazetag
    python3 scripts/train_salience.py --reuters ../shared/tools \\
        --articles ../shared/data/reuters21578/train.jsonl --split train \\
        --title-field title --dateline-field dateline --text-field body \\
        --out data/salience.toml

Needs numpy and scikit-learn; the crate does not depend on this script.
"""
import argparse
import collections
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BIN = os.path.join(ROOT, "target", "release", "examples", "gazetag")

# The features the model uses. The tagger computes more (see
# data/README.md); those left out here did not improve the cross-validated
# figures, and fewer features carry better to news the model has not seen.
USED = [
    "name", "demonym", "metonym", "place", "institution", "currency",
    "implied", "dateline", "title", "lead", "position", "share", "relative", "peers",
    "length", "role", "derived", "dated",
]
# Kinds with at least this many labelled candidates of each class get a
# model of their own; the others use the `default` model, fitted on every
# labelled candidate.
MIN_PER_CLASS = 50
BINS = 10
# The variants of each article the model can learn from: as given;
# without its dateline; and its first sentence alone, without title or
# dateline (a brief), labelled with the editor's tags of the whole article.
# The default is as given and as a brief: adding the undated variant made
# the probabilities of the stories as given less well calibrated.
# Cross-validation keeps an article's variants in one fold.
GIVEN, UNDATED, LEAD = "as given", "without dateline", "first sentence only"


def first_sentence(body):
    """The first sentence of a body, found as the tagger finds it
    (`first_sentence_end` in src/salience.rs): up to the first `.`, `!`
    or `?` after a lower-case letter, a digit, `%`, `)` or a quote, and
    before white space or the end."""
    for i, ch in enumerate(body):
        if ch not in ".!?" or i == 0:
            continue
        prev, nxt = body[i - 1], body[i + 1:i + 2]
        if (prev.islower() or prev.isdigit() or prev in "%)\"'\u201d\u2019") and (not nxt or nxt.isspace()):
            return body[:i + 1]
    return body


def run_features(args, variant):
    """Runs `gazetag --features` over one variant of the articles; returns
    its output lines."""
    cmd = [args.gazetag, "--jsonl", "--features", "--text-field", args.text_field,
           "--id-field", args.id_field]
    for flag, value in (("--title-field", args.title_field if variant != LEAD else None),
                        ("--dateline-field", args.dateline_field if variant == GIVEN else None),
                        ("--salience", args.salience)):
        if value:
            cmd += [flag, value]
    for g in args.gazetteer or []:
        cmd += ["--gazetteer", g]
    with open(args.articles, "rb") as f:
        data = f.read()
    if variant == LEAD:
        leads = []
        for line in data.decode("utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                body = d.get(args.text_field)
                leads.append(json.dumps({args.id_field: d.get(args.id_field),
                                         args.text_field: first_sentence(body) if isinstance(body, str) else ""}))
        data = ("\n".join(leads) + "\n").encode("utf-8")
    out = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout
    return out.decode("utf-8").splitlines()


def read_candidates(lines, keep, docs, variant):
    """Adds {id: {variant: [candidate, ...]}} for the articles whose id is
    in `keep`."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        d = json.loads(line)
        if "error" in d:
            print(f"features line {n}: {d['error']}", file=sys.stderr)
            continue
        key = json.dumps(d.get("id"))
        if key in keep:
            docs.setdefault(key, {})[variant] = d["candidates"]


def reuters_labels(tools, gold_path, split):
    """Labels from Reuters-21578 gold through eval_tags.py's own mapping:
    {id: (judge(candidate) -> 1, 0 or None)}."""
    sys.path.insert(0, tools)
    import eval_tags  # noqa: E402  (the scorer's own mapping, not a copy)
    people = {l.strip() for l in open(os.path.join(
        tools, "../data/reuters21578/all-people-strings.lc.txt")) if l.strip()}
    maps = {"places": eval_tags.load_places_map(), "orgs": eval_tags.load_orgs_map(),
            "people": people, "people_names": eval_tags.load_people_names(people)}
    opts = argparse.Namespace(direct_only=False, min_score=None)
    field_of = {"country": "places", "organization": "orgs", "agency": "orgs",
                "person": "people"}
    labels = {}
    for line in open(gold_path, encoding="utf-8"):
        g = json.loads(line)
        if split and g.get("split") != split:
            continue

        def judge(c, g=g):
            field = field_of.get(c["kind"])
            if field is None:
                return None
            codes = eval_tags.predicted({"tags": [c]}, field, maps, opts)
            if not codes:
                return None
            return int(bool(codes & set(g.get(field) or [])))
        labels[json.dumps(g["id"])] = judge
    return labels


def file_labels(path, kinds):
    """Labels from a labels file (see the module's documentation)."""
    labels = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            tags, unjudged = set(d["tags"]), set(d.get("unjudged") or [])
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            sys.exit(f"{path}:{n}: not a labels line ({e})")

        def judge(c, tags=tags, unjudged=unjudged):
            if c["kind"] not in kinds or c["entity"] in unjudged:
                return None
            return int(c["entity"] in tags)
        labels[json.dumps(d["id"])] = judge
    return labels


def vector(c):
    return [c["features"].get(f, 0.0) for f in USED]


def table(docs, labels):
    """Rows of labelled candidates: (doc, variant, kind, x, y, entity)."""
    rows = []
    for doc, variants in docs.items():
        judge = labels[doc]
        for variant, cands in variants.items():
            for c in cands:
                y = judge(c)
                if y is not None:
                    rows.append((doc, variant, c["kind"], vector(c), y, c["entity"]))
    return rows


def fit(rows, c_reg, augmented_weight):
    """{kind or 'default': fitted LogisticRegression}."""
    def one(sel):
        x = np.array([r[3] for r in sel])
        y = np.array([r[4] for r in sel])
        w = np.array([1.0 if r[1] == GIVEN else augmented_weight for r in sel])
        return LogisticRegression(C=c_reg, max_iter=5000).fit(x, y, sample_weight=w)
    models = {"default": one(rows)}
    by_kind = collections.defaultdict(list)
    for r in rows:
        by_kind[r[2]].append(r)
    for kind, sel in by_kind.items():
        pos = sum(r[4] for r in sel)
        if pos >= MIN_PER_CLASS and len(sel) - pos >= MIN_PER_CLASS:
            models[kind] = one(sel)
    return models


def predict(models, kind, xs):
    m = models.get(kind, models["default"])
    return m.predict_proba(np.array(xs))[:, 1]


def cross_validate(rows, docs, folds, c_reg, augmented_weight):
    """Held-out probabilities: {(doc, variant, entity): p} for every
    candidate of every article, each from weights fitted on the other
    folds. Folds are drawn over articles: the variants of an article are
    always in the same fold."""
    keys = sorted(docs)
    held = {}
    kf = KFold(n_splits=folds, shuffle=True, random_state=0)
    for train_i, test_i in kf.split(keys):
        train_docs = {keys[i] for i in train_i}
        models = fit([r for r in rows if r[0] in train_docs], c_reg, augmented_weight)
        for i in test_i:
            doc = keys[i]
            for variant, cands in docs[doc].items():
                by_kind = collections.defaultdict(list)
                for c in cands:
                    by_kind[c["kind"]].append(c)
                for kind, cs in by_kind.items():
                    for c, p in zip(cs, predict(models, kind, [vector(c) for c in cs])):
                        held[(doc, variant, c["entity"])] = float(p)
    return held


def report(rows, held):
    """Per-kind P/R/F1 at 0.5, the reliability table and the Brier score."""
    by_kind = collections.defaultdict(lambda: [0, 0, 0, 0])
    bins = [[0, 0.0, 0] for _ in range(BINS)]
    brier = 0.0
    for doc, variant, kind, _x, y, entity in rows:
        p = held[(doc, variant, entity)]
        k = by_kind[kind]
        k[3] += 1
        if p >= 0.5 and y:
            k[0] += 1
        elif p >= 0.5:
            k[1] += 1
        elif y:
            k[2] += 1
        b = bins[min(int(p * BINS), BINS - 1)]
        b[0] += 1
        b[1] += p
        b[2] += y
        brier += (p - y) ** 2
    print("  by candidate (minimum score 0.5):")
    print("    kind           labelled   precision  recall  F1")
    for kind in sorted(by_kind):
        tp, fp, fn, n = by_kind[kind]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"    {kind:13}  {n:8}   {p:9.3f}  {r:6.3f}  {f:.3f}")
    print(f"  reliability ({len(rows)} held-out candidates):")
    print("    | predicted | tags | mean predicted | observed rate | gap |")
    print("    |---|---:|---:|---:|---:|")
    worst = 0.0
    for i, (n, sp, sy) in enumerate(bins):
        if not n:
            continue
        mp, obs = sp / n, sy / n
        gap = obs - mp
        if n >= 50:
            worst = max(worst, abs(gap))
        print(f"    | {i / BINS:.1f}-{(i + 1) / BINS:.1f} | {n} | {mp:.3f} | {obs:.3f} | {gap:+.3f} |")
    print(f"  largest gap in a bin of at least 50 tags: {worst:.3f}")
    print(f"  Brier score: {brier / max(len(rows), 1):.4f}")


def eval_with_scorer(tools, gold, split, docs, held, variant):
    """Writes the held-out suggestions (probability >= 0.5) as the tagger
    would, and scores them with TOOLS/eval_tags.py."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for doc, variants in docs.items():
            tags = []
            for c in variants.get(variant, []):
                p = held[(doc, variant, c["entity"])]
                if p >= 0.5:
                    t = {k: c[k] for k in ("entity", "kind", "label", "derived", "iso") if k in c}
                    t["score"] = round(p, 3)
                    tags.append(t)
            f.write(json.dumps({"id": json.loads(doc), "tags": tags}) + "\n")
        pred = f.name
    cmd = [sys.executable, os.path.join(tools, "eval_tags.py"), "--gold", gold, "--pred", pred,
           "--field", "places", "--field", "orgs", "--field", "people"]
    if split:
        cmd += ["--split", split]
    print("  scored by eval_tags.py:")
    sys.stdout.flush()
    subprocess.run(cmd, check=True)
    os.unlink(pred)


def kept_tables(path, fitted):
    """The tables of the existing weights file for kinds this run did not
    fit (no labelled candidates of that kind): {kind: {key: weight}}."""
    if not os.path.exists(path):
        return {}
    import tomllib
    with open(path, "rb") as f:
        old = tomllib.load(f)
    return {k: v for k, v in old.items() if k not in fitted}


def write_weights(path, models, args, n_docs, n_rows):
    kept = kept_tables(path, models)
    today = datetime.date.today().isoformat()
    lines = [
        "# gazetag's salience model: the probability that an editor gives a tag,",
        "# 1 / (1 + exp(-(intercept + sum of weight * feature))), one table per kind",
        "# (`default` scores the kinds without one). data/README.md documents the",
        "# features and the format.",
        "#",
        f"# Fitted by scripts/train_salience.py on {today}: {n_rows} labelled candidate",
        f"# tags of {n_docs} articles ({os.path.basename(args.articles)},"
        f" split {args.split or 'all'}), C = {args.c}.",
        "# Do not edit by hand: retrain (README.md, \"Salience\").",
    ]
    order = ["default", "country", "agency", "person", "organization", "topic", "place", "unknown"]
    for kind in sorted({*models, *kept}, key=lambda k: order.index(k) if k in order else len(order)):
        if kind in models:
            m = models[kind]
            lines += ["", f"[{kind}]", f"intercept = {m.intercept_[0]:.4f}"]
            lines += [f"{f} = {w:.4f}" for f, w in zip(USED, m.coef_[0])]
        else:
            print(f"kept [{kind}] of {path}: no labelled candidates of this kind to fit it")
            lines += ["", "# Not fitted: the labels judge no candidate of this kind. Set by hand",
                      "# and kept by each retraining (data/README.md, \"Kinds without labels\").",
                      f"[{kind}]"]
            lines += [f"{k} = {v}" for k, v in kept[kind].items()]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_argument_group("articles")
    src.add_argument("--articles", required=True, help="JSON Lines articles (gazetag --jsonl input)")
    src.add_argument("--features", help="gazetag --features output for --articles (else gazetag is run)")
    src.add_argument("--gazetag", default=DEFAULT_BIN, help="the gazetag binary [%(default)s]")
    src.add_argument("--text-field", default="text")
    src.add_argument("--title-field")
    src.add_argument("--dateline-field")
    src.add_argument("--id-field", default="id")
    src.add_argument("--gazetteer", action="append", help="passed to gazetag (repeatable)")
    src.add_argument("--variants", default="given,lead",
                     help="the variants of each article to learn from: given (as given), "
                          "undated (without its --dateline-field), lead (its first sentence "
                          "alone) [%(default)s]")
    src.add_argument("--salience", help="passed to gazetag (the weights do not change the features)")
    lab = ap.add_argument_group("labels (one of)")
    lab.add_argument("--labels", help="labels file (see above)")
    lab.add_argument("--reuters", metavar="TOOLS_DIR",
                     help="Reuters-21578 articles: labels and scoring from TOOLS_DIR/eval_tags.py")
    ap.add_argument("--split", help="only articles whose \"split\" is this (with --reuters)")
    ap.add_argument("--kinds", default="country,agency,person,organization",
                    help="kinds the labels judge (with --labels) [%(default)s]")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("-c", "--c", type=float, default=1.0, help="inverse L2 regularisation [%(default)s]")
    ap.add_argument("--augmented-weight", type=float, default=0.5,
                    help="weight in the fit of a candidate of an article without its dateline "
                         "or as a brief, against one of an article as given [%(default)s]")
    ap.add_argument("--out", help="write the weights fitted on every article here")
    args = ap.parse_args()
    if bool(args.labels) == bool(args.reuters):
        ap.error("give one of --labels and --reuters")

    if args.reuters:
        labels = reuters_labels(args.reuters, args.articles, args.split)
    else:
        labels = file_labels(args.labels, set(args.kinds.split(",")))
    docs = {}
    if args.features:
        lines = open(args.features, encoding="utf-8").read().splitlines()
        read_candidates(lines, labels, docs, GIVEN)
    else:
        names = {"given": GIVEN, "undated": UNDATED, "lead": LEAD}
        for variant in [names[v] for v in args.variants.split(",")]:
            if variant == UNDATED and not args.dateline_field:
                continue
            read_candidates(run_features(args, variant), labels, docs, variant)
    if len(docs) < args.folds:
        sys.exit(f"only {len(docs)} labelled articles: too few for {args.folds} folds")
    rows = table(docs, labels)
    pos = sum(r[4] for r in rows)
    print(f"{len(docs)} articles, {len(rows)} labelled candidates ({pos} tagged by the editor)")

    held = cross_validate(rows, docs, args.folds, args.c, args.augmented_weight)
    for variant in [v for v in (GIVEN, UNDATED, LEAD) if any(r[1] == v for r in rows)]:
        print(f"cross-validated, {args.folds} folds by article, articles {variant}:")
        report([r for r in rows if r[1] == variant], held)
        if args.reuters:
            eval_with_scorer(args.reuters, args.articles, args.split, docs, held, variant)
    if args.out:
        write_weights(args.out, fit(rows, args.c, args.augmented_weight), args, len(docs), len(rows))


if __name__ == "__main__":
    main()
