"""`airoadmap run m04-spam`: three TF-IDF classifiers for SMS spam, compared honestly.

1. Load the 4862 messages; group equal normalised texts (data.py).
2. Set aside the fixed held-out split (one group fold of five), as the checks do.
3. Cross-validate naive Bayes, a linear SVM and logistic regression on the training
   messages with stratified group 5-fold CV: spam precision, recall, F1, average precision.
4. Pick the best CV spam F1, refit on all training messages, score once on the held-out ones.
5. Show what a plain (ungrouped) split would have claimed for the same model.

Writes leaderboard.csv / leaderboard.md, precision_recall_curves.png and
confusion_matrices.png (out-of-fold), holdout_precision_recall.png, report.md; returns the
metrics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from airoadmap.datasets.splits.sms import (
    POSITIVE,
    SPLIT_SEED,
    group_folds,
    holdout_split,
    normalise,
)
from airoadmap.lab import figures
from airoadmap.lab.evaluation import (
    binary_metrics,
    cross_validate,
    leaderboard,
    markdown_leaderboard,
    positive_scores,
)
from airoadmap.lab.spam.models import candidates
from airoadmap.lab.stages import stage

CV_SEED = 0
COLUMNS = {
    "precision": "spam precision",
    "recall": "spam recall",
    "f1": "spam F1",
    "average_precision": "average precision",
    "accuracy": "accuracy",
    "fit_seconds": "fit seconds",
}
TOP_TERMS = 15


def run(
    run_dir: Path,
    *,
    texts: list[str] | None = None,
    labels: np.ndarray | None = None,
    folds: int = 5,
) -> dict[str, Any]:
    """Run the study into `run_dir`; `texts` and `labels` replace the registry's data (tests)."""
    if texts is None or labels is None:
        from airoadmap.datasets.splits.sms import load_sms

        stage("loading the SMS spam collection")
        texts, labels = load_sms()
    split = holdout_split(texts, labels)
    factories = candidates()
    results = []
    for i, (name, make) in enumerate(factories.items(), 1):
        stage(f"cross-validating {name} ({i} of {len(factories)}, {folds} folds)")
        results.append(
            cross_validate(
                name,
                make,
                split.X_train,
                split.y_train,
                group_folds(split.y_train, split.groups_train, n_splits=folds, seed=CV_SEED),
                pos_label=POSITIVE,
            )
        )
    table = leaderboard(results, sort_by="f1")
    table.to_csv(run_dir / "leaderboard.csv", float_format="%.4f")
    board = markdown_leaderboard(table, COLUMNS)
    (run_dir / "leaderboard.md").write_text(board, encoding="utf-8")

    stage("drawing the out-of-fold figures")
    is_spam = split.y_train == POSITIVE
    figures.precision_recall_curves(
        {r.name: (is_spam, r.oof_score, r.oof_pred == POSITIVE) for r in results},
        run_dir / "precision_recall_curves.png",
        title=f"SMS spam: precision-recall, out of fold ({folds}-fold grouped CV)",
        zoom=0.8,
    )
    figures.confusion_matrices(
        {r.name: (split.y_train, r.oof_pred) for r in results},
        run_dir / "confusion_matrices.png",
        labels=["ham", "spam"],
        display_labels=["ham", "spam"],
        title=f"SMS spam, out-of-fold predictions ({len(split.y_train)} messages)",
    )

    best = str(table.index[0])
    stage(f"refitting {best}, scoring it on the held-out messages")
    model = factories[best]()
    model.fit(split.X_train, split.y_train)
    pred = np.asarray(model.predict(split.X_holdout))
    scores = positive_scores(model, split.X_holdout, POSITIVE)
    holdout = binary_metrics(split.y_holdout, pred, scores, pos_label=POSITIVE)
    figures.precision_recall_curves(
        {best: (split.y_holdout == POSITIVE, scores, pred == POSITIVE)},
        run_dir / "holdout_precision_recall.png",
        title=f"Held-out messages ({len(split.y_holdout)}): {best}",
        zoom=0.8,
    )

    stage("the same model on a plain split, for comparison")
    naive = _plain_split(factories[best], split.X_train, split.y_train, folds)
    metrics: dict[str, Any] = {
        "data": {
            "messages": len(texts),
            "spam": int(np.sum(np.asarray(labels) == POSITIVE)),
            "distinct_normalised_texts": len({normalise(t) for t in texts}),
            "train": len(split.y_train),
            "holdout": len(split.y_holdout),
            "holdout_spam": int(np.sum(split.y_holdout == POSITIVE)),
            "split_seed": SPLIT_SEED,
            "folds": folds,
        },
        "leaderboard": table.reset_index().to_dict(orient="records"),
        "best_model": best,
        "cv_f1": float(table.loc[best, "f1_mean"]),
        "holdout": holdout,
        "holdout_f1": holdout["f1"],
        "always_ham_holdout_accuracy": float(np.mean(split.y_holdout != POSITIVE)),
        "plain_split": naive,
        "top_spam_terms": _top_terms(model),
    }
    (run_dir / "report.md").write_text(_report(metrics, board), encoding="utf-8")
    return metrics


def _plain_split(make: Any, texts: list[str], labels: np.ndarray, folds: int) -> dict[str, float]:
    """What an ungrouped StratifiedKFold says, and how many test texts it had already seen."""
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=CV_SEED)
    scores, seen = [], []
    for train, test in cv.split(texts, labels):
        known = {normalise(texts[i]) for i in train}
        seen.append(np.mean([normalise(texts[i]) in known for i in test]))
        model = make().fit([texts[i] for i in train], labels[train])
        pred = model.predict([texts[i] for i in test])
        spam = labels[test] == POSITIVE
        hits = float(np.sum(spam & (pred == POSITIVE)))
        scores.append(2 * hits / max(float(spam.sum() + np.sum(pred == POSITIVE)), 1.0))
    return {"f1_mean": float(np.mean(scores)), "test_texts_seen_in_training": float(np.mean(seen))}


def _top_terms(model: Any) -> list[str]:
    """The words and word pairs that push hardest towards spam (linear models only)."""
    final = model[-1]
    if not hasattr(final, "coef_"):
        return []
    names = np.asarray(model[:-1].get_feature_names_out())
    coef = np.ravel(final.coef_.toarray() if hasattr(final.coef_, "toarray") else final.coef_)
    toward_spam = coef if list(final.classes_).index(POSITIVE) == 1 else -coef
    words = np.flatnonzero(np.char.startswith(names.astype(str), "words__"))
    order = words[np.argsort(toward_spam[words])[::-1][:TOP_TERMS]]
    return [str(names[i]).removeprefix("words__") for i in order]


def _report(m: dict[str, Any], board: str) -> str:
    data, h, plain = m["data"], m["holdout"], m["plain_split"]
    terms = ", ".join(f"`{t}`" for t in m["top_spam_terms"]) or "(not a linear model)"
    gap = plain["f1_mean"] - m["cv_f1"]
    row = " | ".join(f"{h[k]:.3f}" for k in ("precision", "recall", "f1", "average_precision"))
    row += f" | {h['accuracy']:.3f}"
    return f"""# SMS spam: three TF-IDF classifiers compared

Data: {data["messages"]} messages, {data["spam"]} spam ({data["spam"] / data["messages"]:.1%}),
{data["distinct_normalised_texts"]} distinct texts once case, digits and punctuation are
ignored. Always answering "ham" is {1 - data["spam"] / data["messages"]:.1%} accurate and
catches no spam, so the scores that matter are those of the spam class.

Split: {data["holdout"]} messages held out ({data["holdout_spam"]} spam; seed
{data["split_seed"]}), the same split the m04-spam checks grade on. Copies of one text
always fall on the same side, in the held-out split and in every CV fold.

## Cross-validation on the training messages ({data["folds"]}-fold, stratified, grouped)

Mean ± standard deviation over the folds.

{board}
Figures: `precision_recall_curves.png` (the dot on each curve is what `predict` does) and
`confusion_matrices.png`, both from out-of-fold predictions.

## The chosen model on the held-out messages

Chosen by CV spam F1: **{m["best_model"]}** (CV {m["cv_f1"]:.3f}). Scored once on the
{data["holdout"]} held-out messages (`holdout_precision_recall.png`):

| spam precision | spam recall | spam F1 | average precision | accuracy |
|---|---|---|---|---|
| {row} |

Always "ham" on the same messages: accuracy {m["always_ham_holdout_accuracy"]:.3f}, spam F1 0.

The words and word pairs that push hardest towards spam: {terms}.

## Why the grouping matters

A plain stratified {data["folds"]}-fold split of the training messages puts
{plain["test_texts_seen_in_training"]:.1%} of each test fold's texts in its training part
too (as exact or near copies), and reports a spam F1 of {plain["f1_mean"]:.3f} for the same
model, against {m["cv_f1"]:.3f} with grouped folds: {gap:+.3f}, what the copies are worth
to this model. The grouped figure is the one to trust for messages it has never seen.
"""
