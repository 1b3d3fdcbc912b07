"""One evaluation run: get predictions for a gold file and score them in the gold's format."""

from __future__ import annotations

from collections.abc import Sequence

from kg.evaluate.gold import GOLD_FORMATS, Gold
from kg.evaluate.predictions import extract, match, read_predictions
from kg.evaluate.report import RunReport


def evaluate(
    gold: Gold, pred_path: str | None = None, articles: Sequence[str] = (), name: str | None = None
) -> RunReport:
    """Score `gold` against the predictions in `pred_path`, or against the extractor's when None."""
    if pred_path is not None:
        preds = match(gold, read_predictions(pred_path), pred_path)
    else:
        preds = extract(gold, articles)
    report = RunReport(
        name or gold.format,
        gold.path,
        gold.format,
        len(gold.docs),
        gold.unit,
        preds.source,
        speed=preds.speed,
    )
    GOLD_FORMATS.get(gold.format).score(gold, preds, report)
    missing = sum(1 for g in gold.docs if g.id not in preds.by_doc)
    report.counters.update(
        without_predictions=missing,
        predictions_not_in_gold=preds.unmatched,
        extraction_failures=len(preds.failures),
    )
    if missing:
        extra = f"; {preds.unmatched} predicted articles match none" if preds.unmatched else ""
        report.notes.append(
            f"no predictions for {missing} of {len(gold.docs)} {gold.unit} "
            f"(matched by article id, URL or text{extra})"
        )
    if preds.failures:
        report.notes.append(
            f"extraction failed on {len(preds.failures)} {gold.unit}; first: {preds.failures[0]}"
        )
    return report
