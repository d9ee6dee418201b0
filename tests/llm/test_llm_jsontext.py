"""Finding the JSON object in a model's answer: only well-defined repairs."""

from __future__ import annotations

import pytest

from engine.llm.jsontext import JSONExtractionError, extract_json_object

OBJ = '{"a": 1, "b": [1, 2], "c": {"d": "x}y"}}'


def test_plain_object() -> None:
    assert extract_json_object(OBJ).data == {"a": 1, "b": [1, 2], "c": {"d": "x}y"}}
    assert extract_json_object(OBJ).fixes == ()


def test_bom_and_whitespace() -> None:
    assert extract_json_object("\ufeff  \n" + OBJ + "\n\n").data["a"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "```json\n" + OBJ + "\n```",
        "```JSON\n" + OBJ + "```",
        "```\n" + OBJ + "\n```",
        "Ecco il piano:\n```json\n" + OBJ + "\n```\nSpero sia utile!",
    ],
)
def test_code_fences(text: str) -> None:
    assert extract_json_object(text).data["c"] == {"d": "x}y"}


@pytest.mark.parametrize(
    "text",
    [
        "Certo! Ecco il risultato: " + OBJ,
        OBJ + "\n\nNota: i valori sono stime.",
        'Il "piano" segue. ' + OBJ + " Fine.",
        "Prima {non json} poi " + OBJ,
    ],
)
def test_leading_and_trailing_prose(text: str) -> None:
    assert extract_json_object(text).data["a"] == 1


def test_trailing_commas_are_removed_and_reported() -> None:
    found = extract_json_object('{"a": [1, 2,], "b": {"c": 1,},}')
    assert found.data == {"a": [1, 2], "b": {"c": 1}}
    assert found.fixes == ("removed trailing commas",)


def test_commas_inside_strings_are_untouched() -> None:
    found = extract_json_object('{"a": "x,}", "b": "y,]",}')
    assert found.data == {"a": "x,}", "b": "y,]"}


def test_cut_json_is_reported_as_unclosed_not_as_an_inner_object() -> None:
    with pytest.raises(JSONExtractionError) as caught:
        extract_json_object('{"summary": "ok", "objectives": [{"code": "SP1"}, {"code": "S')
    assert caught.value.unclosed
    assert "cut off" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   \ufeff ", "empty"),
        ("Non posso aiutarti con questa richiesta.", "no JSON object"),
        ("[1, 2, 3]", "no JSON object"),
        ("{'a': 1}", "invalid JSON"),
        ('{"a": 1 "b": 2}', "invalid JSON"),
        ('{"a": True}', "invalid JSON"),  # Python literals are not repaired: not well defined
    ],
)
def test_unrecoverable_text(text: str, words: str) -> None:
    with pytest.raises(JSONExtractionError) as caught:
        extract_json_object(text)
    assert words in str(caught.value)
    assert not caught.value.unclosed


def test_first_complete_object_wins() -> None:
    assert extract_json_object('{"a": 1} e poi {"a": 2}').data == {"a": 1}
