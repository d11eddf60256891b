"""The rule that combines lexicon events with the classifier's probabilities (combine.py)."""

from __future__ import annotations

from newslens.events.combine import NONE, Rule, added_type, best, judge
from newslens.records import Event, Evidence

EVIDENCE = (Evidence("a", 0, "Kestria shelled Talvia.", None),)


def event(kind: str, **flags: bool) -> Event:
    return Event(
        id=f"e-{kind}",
        type=kind,
        source="state:XKS",
        target="state:XTV",
        evidence=EVIDENCE,
        **flags,
    )


def probs(**values: float) -> dict[str, float]:
    rest = 1.0 - sum(values.values())
    return {**values, NONE: values.get(NONE, rest)}


RULE = Rule(add=0.5, veto=0.9, floor=0.05, retype=0.8, cue=True)


def test_without_a_model_the_lexicon_codes_alone() -> None:
    found = [event("ASSAULT")]
    assert judge(found, None, RULE) == found
    assert added_type(found, None, RULE) is None


def test_agreement_is_both_with_the_models_confidence() -> None:
    (kept,) = judge([event("ASSAULT")], probs(ASSAULT=0.7), RULE)
    assert (kept.signal, kept.confidence) == ("both", 0.7)


def test_a_lexicon_event_the_model_doubts_is_kept_as_lexicon() -> None:
    (kept,) = judge([event("ASSAULT")], probs(ASSAULT=0.2, COERCE=0.5), RULE)
    assert (kept.type, kept.signal, kept.confidence) == ("ASSAULT", "lexicon", 0.2)


def test_a_sure_no_event_vetoes_an_unflagged_lexicon_event() -> None:
    assert judge([event("ASSAULT")], probs(ASSAULT=0.01, NONE=0.95), RULE) == []


def test_flags_keep_an_event_the_model_calls_no_event() -> None:
    for flag in ("negated", "hypothetical", "background"):
        (kept,) = judge([event("ASSAULT", **{flag: True})], probs(ASSAULT=0.01, NONE=0.95), RULE)
        assert kept.signal == "lexicon"


def test_a_confident_other_type_retypes_the_lexicon_event() -> None:
    (kept,) = judge([event("DISAPPROVE")], probs(DISAPPROVE=0.02, ASSAULT=0.9), RULE)
    assert (kept.type, kept.signal, kept.confidence) == ("ASSAULT", "classifier", 0.9)
    assert kept.id != "e-DISAPPROVE"


def test_no_retype_when_another_lexicon_event_has_the_models_type() -> None:
    found = [event("REJECT"), event("DISAPPROVE")]
    kept = judge(found, probs(REJECT=0.01, DISAPPROVE=0.9), RULE)
    assert [(e.type, e.signal) for e in kept] == [("REJECT", "lexicon"), ("DISAPPROVE", "both")]


def test_a_type_the_model_does_not_know_has_no_confidence() -> None:
    (kept,) = judge([event("MYTYPE")], probs(ASSAULT=0.9), RULE)
    assert (kept.type, kept.signal, kept.confidence) == ("MYTYPE", "lexicon", None)


def test_the_model_adds_its_type_when_the_lexicon_missed_it() -> None:
    assert added_type([], probs(AID=0.8), RULE, {"AID"}) == ("AID", 0.8)
    assert added_type([event("AID")], probs(AID=0.8), RULE, {"AID"}) is None
    assert added_type([], probs(AID=0.4, SUPPORT=0.3), RULE, {"AID"}) is None
    assert added_type([], probs(NONE=0.9), RULE, {"AID"}) is None


def test_the_model_adds_only_a_type_whose_words_the_sentence_holds() -> None:
    assert added_type([], probs(AID=0.8), RULE, {"SUPPORT"}) is None
    assert added_type([], probs(AID=0.8), RULE) is None
    loose = Rule(add=0.5, veto=0.9, floor=0.05, retype=0.8, cue=False)
    assert added_type([], probs(AID=0.8), loose) == ("AID", 0.8)


def test_ties_go_to_the_first_label_in_name_order() -> None:
    assert best({"B": 0.5, "A": 0.5}) == ("A", 0.5)
