"""The grammar's word lists and code tables are data files (data/grammar/words.txt,
data/events/*_codes.tsv) that the coder reads: every list is read by some module, every
code in the tables is a CAMEO code, and a malformed file is refused with its line."""
import re
from pathlib import Path

import pytest

from detente import cameo, dictionaries
from detente.errors import DictionaryError
from detente.modes import INTENT_CODES, REFUSAL_CODES, intent_code, refusal_code

SRC = Path(dictionaries.__file__).parent


def test_every_list_is_read_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.glob("*.py"))
    named = set(re.findall(r'(?:word_list|ranked_words)\("([a-z_]+)"\)', code))
    assert named == set(dictionaries._word_lists()), "lists in words.txt and the names the code reads differ"


def test_lists_are_lower_case_words_and_ordered_where_asked():
    for name, words in dictionaries._word_lists().items():
        assert words, name
        assert all(w == w.lower() and not any(ch.isspace() for ch in w) for w in words), name
    assert dictionaries.ranked_words("target_preps")[:2] == ("with", "against")
    assert "would" in dictionaries.word_list("modals")


def test_unknown_list_is_an_error():
    with pytest.raises(DictionaryError, match="no list"):
        dictionaries.word_list("no_such_list")


@pytest.mark.parametrize("text, message", [
    ("can could\n", "before the first"),
    ("[modals\ncan\n", "list header"),
    ("[a]\nx\n[a]\ny\n", "list header"),
])
def test_malformed_words_file_is_refused_with_its_line(monkeypatch, text, message):
    monkeypatch.setattr(dictionaries, "_data", lambda path: (path, text))
    dictionaries._word_lists.cache_clear()
    try:
        with pytest.raises(DictionaryError, match=message):
            dictionaries._word_lists()
    finally:
        dictionaries._word_lists.cache_clear()


def test_code_tables_hold_cameo_codes_of_their_roots():
    assert INTENT_CODES and REFUSAL_CODES
    for table, roots in ((INTENT_CODES, ("03", "13")), (REFUSAL_CODES, ("12",))):
        for action, code in table.items():
            assert cameo.is_code(action) and cameo.is_code(code)
            assert code[:2] in roots, (action, code)
    assert intent_code("0622") == "0312"      # longest prefix: 062 -> 0312
    assert refusal_code("0871") == "1246"
    assert refusal_code("190") is None       # no rejection code for refusing to fight


def test_bad_code_table_row_is_refused(monkeypatch):
    monkeypatch.setattr(dictionaries, "_data", lambda path: (path, "04\t9999\n"))
    with pytest.raises(DictionaryError, match="not a CAMEO code"):
        dictionaries.code_map("intent_codes")
