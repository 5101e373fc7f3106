#!/usr/bin/env python3
"""How far the salience features can carry: the logistic model against a
boosted-tree model over every feature, and against the logistic model
with a prior per entity learned from the editors' own labels.

Usage (after `cargo build --release --example gazetag`):
    python3 scripts/salience_ceiling.py --reuters ../shared/tools \\
        --articles ../shared/data/reuters21578/train.jsonl --split train

Each row is cross-validated over the same 5 folds by article, on the
candidates of the articles as given, scored by candidate at a minimum
score of 0.5 (as `train_salience.py` prints its "by candidate" table):

  - "logistic": the shipped model's features and fit;
  - "boosted trees, all features": a flexible model over every feature
    the tagger emits; if it does no better, the gap is not the model's
    form but what the features know;
  - "logistic + entity prior": the rate at which the training folds'
    editors tagged each entity, added as a feature. This learns the
    corpus's own names, which the project does not ship (it would not
    carry to other news): it only bounds what such fitting could reach.
"""
import argparse
import collections
import os
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_salience as ts  # noqa: E402  (the same features and labels)

KINDS = ["country", "organization", "person"]


def candidates(args):
    """(doc, kind, entity, {feature: value}, label) of every labelled
    candidate of the articles as given."""
    labels = ts.reuters_labels(args.reuters, args.articles, args.split)
    run = argparse.Namespace(gazetag=args.gazetag, text_field="body", title_field="title",
                             dateline_field="dateline", id_field="id", gazetteer=None,
                             salience=None, articles=args.articles)
    docs = {}
    ts.read_candidates(ts.run_features(run, ts.GIVEN), set(labels), docs, ts.GIVEN)
    rows = []
    for doc, variants in docs.items():
        for c in variants[ts.GIVEN]:
            y = labels[doc](c)
            if y is not None:
                rows.append((doc, c["kind"], c["entity"], c["features"], y))
    return sorted(docs), rows


def score(keys, rows, make, features):
    """Precision, recall and F1 of held-out candidates over 5 folds by
    article; `features(row, train_rows)` is a row's vector."""
    tp = fp = fn = 0
    for train, _ in KFold(n_splits=5, shuffle=True, random_state=0).split(keys):
        train = {keys[i] for i in train}
        a = [r for r in rows if r[0] in train]
        b = [r for r in rows if r[0] not in train]
        fa = features(a)
        m = make().fit(np.array([fa(r) for r in a]), np.array([r[4] for r in a]))
        for r, p in zip(b, m.predict_proba(np.array([fa(r) for r in b]))[:, 1]):
            tp += p >= 0.5 and r[4] == 1
            fp += p >= 0.5 and r[4] == 0
            fn += p < 0.5 and r[4] == 1
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reuters", required=True, metavar="TOOLS_DIR")
    ap.add_argument("--articles", required=True)
    ap.add_argument("--split")
    ap.add_argument("--gazetag", default=ts.DEFAULT_BIN)
    args = ap.parse_args()
    keys, rows = candidates(args)
    every = sorted({f for r in rows for f in r[3]})
    used = lambda _: lambda r: [r[3].get(f, 0.0) for f in ts.USED]  # noqa: E731
    all_features = lambda _: lambda r: [r[3].get(f, 0.0) for f in every]  # noqa: E731

    def with_prior(train):
        pos, tot = collections.Counter(), collections.Counter()
        for r in train:
            tot[r[2]] += 1
            pos[r[2]] += r[4]
        base = sum(pos.values()) / max(1, sum(tot.values()))
        return lambda r: used(None)(r) + [(pos[r[2]] + 2 * base) / (tot[r[2]] + 2)]

    logistic = lambda: LogisticRegression(C=1.0, max_iter=5000)  # noqa: E731
    trees = lambda: HistGradientBoostingClassifier(  # noqa: E731
        max_iter=300, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0,
        random_state=0)
    print("| kind | candidates | logistic | boosted trees, all features | logistic + entity prior |")
    print("|---|---:|---:|---:|---:|")
    for kind in KINDS:
        sel = [r for r in rows if r[1] == kind]
        cells = [score(keys, sel, make, feats)[2]
                 for make, feats in ((logistic, used), (trees, all_features), (logistic, with_prior))]
        print(f"| {kind} | {len(sel)} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
