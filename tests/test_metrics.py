"""IR metrics against values computed by hand."""

import math

import pytest

from clinevidence.eval.answers import macro_f1, percentile
from clinevidence.eval.metrics import evaluate_run, ndcg_at, recall_at, reciprocal_rank


def test_ndcg_hand_computed() -> None:
    # relevant docs a (grade 1) and c (grade 1); ranking b, a, c
    ranked = ["b", "a", "c"]
    rel = {"a": 1, "c": 1}
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    idcg = 1 / math.log2(2) + 1 / math.log2(3)
    assert ndcg_at(ranked, rel, 10) == pytest.approx(dcg / idcg)
    assert ndcg_at(["a", "c"], rel, 10) == pytest.approx(1.0)
    assert ndcg_at(["x", "y"], rel, 10) == 0.0


def test_ndcg_graded_and_cutoff() -> None:
    rel = {"a": 2, "b": 1}
    # b first then a: (2^1-1)/1 + (2^2-1)/log2(3); ideal: 3/1 + 1/log2(3)
    got = ndcg_at(["b", "a"], rel, 10)
    assert got == pytest.approx((1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3)))
    assert ndcg_at(["z"] * 10 + ["a"], rel, 10) == 0.0  # relevant doc beyond the cutoff


def test_recall_and_mrr() -> None:
    rel = {"a": 1, "b": 1, "c": 0}
    assert recall_at(["a", "x", "b"], rel, 2) == pytest.approx(0.5)
    assert recall_at(["a", "x", "b"], rel, 3) == pytest.approx(1.0)
    assert reciprocal_rank(["x", "y", "b"], rel) == pytest.approx(1 / 3)
    assert reciprocal_rank(["c"], rel) == 0.0  # grade 0 is not relevant


def test_evaluate_run_averages_over_queries_with_qrels() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 0}}
    run = {"q1": ["a"], "q2": ["x", "b"]}
    res = evaluate_run(run, qrels)
    assert res["queries"] == 2
    assert res["mrr"] == pytest.approx((1 + 0.5) / 2)
    assert res["recall@10"] == pytest.approx(1.0)


def test_macro_f1_and_percentile() -> None:
    gold = ["yes", "yes", "no", "maybe"]
    pred = ["yes", "no", "no", "yes"]
    # yes: tp1 fp1 fn1 -> 0.5; no: tp1 fp1 fn0 -> 2/3; maybe: tp0 fp0 fn1 -> 0
    assert macro_f1(gold, pred) == pytest.approx((0.5 + 2 / 3 + 0) / 3)


def test_macro_f1_averages_the_classes_gold_holds_and_a_predicted_only_class_still_costs() -> None:
    """On a yes/no-only set (BioASQ style) a "maybe" answer has no F1 class of its own, but it is a missed "yes"."""
    from clinevidence.eval.answers import per_class

    gold = ["yes", "yes", "no", "no"]
    assert macro_f1(gold, ["yes", "yes", "no", "no"]) == pytest.approx(1.0)
    hedged = ["yes", "maybe", "no", "no"]
    # yes: tp1 fp0 fn1 -> 2/3; no: tp2 fp0 fn0 -> 1; maybe: no gold, no F1
    assert macro_f1(gold, hedged) == pytest.approx((2 / 3 + 1) / 2)
    assert macro_f1(gold, hedged) < 1.0
    assert macro_f1(gold, hedged, over="all") == pytest.approx((2 / 3 + 1 + 0) / 3)
    maybe = per_class(gold, hedged)["maybe"]
    assert maybe["precision"] == 0.0 and maybe["recall"] is None and maybe["f1"] is None
    assert maybe["predicted"] == 1
    assert macro_f1(gold, ["maybe"] * 4) == 0.0
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([], 95) == 0.0
