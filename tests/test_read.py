"""Bad input: every document is coded or skipped with a reason; nothing stops the batch."""
import gzip
import json

import pytest

from detente import Document, InputError, Skip
from detente.read import check, not_english, read_paths

ENGLISH = "Pakistani troops shelled Afghan border posts on Tuesday, officials in Kabul said."


def docs_and_skips(paths, **kw):
    items = list(read_paths(paths, **kw))
    return [d for d in items if isinstance(d, Document)], [s for s in items if isinstance(s, Skip)]


def test_txt_is_one_document_named_by_stem(tmp_path):
    (tmp_path / "report-1.txt").write_text(ENGLISH)
    docs, skips = docs_and_skips([tmp_path / "report-1.txt"], default_date="2016-06-15")
    assert [(d.id, d.date) for d in docs] == [("report-1", "2016-06-15")] and not skips


def test_other_encodings_are_decoded_and_binary_files_skipped(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(f"{ENGLISH} Café au lait.".encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes(ENGLISH.encode("utf-16"))             # with its byte-order mark
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "excel.csv").write_bytes(f'id,text\n1,"{ENGLISH} Zoë said."\n'.encode("cp1252"))
    (tmp_path / "wide.jsonl").write_bytes((json.dumps({"id": "w", "text": ENGLISH}) + "\n").encode("utf-16"))
    docs, skips = docs_and_skips([tmp_path])
    got = {d.id: (d.text, d.encoding) for d in docs}
    assert got["latin1"][0].endswith("Café au lait.") and got["latin1"][1] in ("iso8859-1", "cp1252", "cp1250")
    assert got["wide"] == (ENGLISH, "utf-16") and got["w"] == (ENGLISH, "utf-16")
    assert got["1"][0].endswith("Zoë said.")
    assert [(s.doc_id, s.reason) for s in skips] == [("blob", "binary")]


def test_jsonl_bad_lines_become_skips_and_the_rest_is_read(tmp_path):
    p = tmp_path / "in.jsonl.gz"
    lines = [json.dumps({"id": "a", "text": ENGLISH, "date": "2016-06-15"}),
             "{not json",
             json.dumps({"id": "b"}),                                   # no text
             json.dumps({"id": "c", "text": ENGLISH, "date": "15/06/2016"}),
             json.dumps(["a", "list"]),
             json.dumps({"text": ENGLISH}),                            # no id: file:line
             ""]
    with gzip.open(p, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines))
    docs, skips = docs_and_skips([p])
    assert [d.id for d in docs] == ["a", "in.jsonl.gz:6"]
    assert [(s.doc_id, s.reason) for s in skips] == [
        ("in.jsonl.gz:2", "bad-record"), ("b", "bad-record"), ("c", "bad-record"), ("in.jsonl.gz:5", "bad-record")]
    assert "YYYY-MM-DD" in skips[2].detail


def test_jsonl_line_that_is_not_utf8(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_bytes(json.dumps({"id": "ok", "text": ENGLISH}).encode() + b"\n" + b'{"id": "x", "text": "\xff\xfe"}\n')
    docs, skips = docs_and_skips([p])
    assert [d.id for d in docs] == ["ok"] and [s.reason for s in skips] == ["not-utf8"]


def test_csv_with_malformed_row(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text(f'id,date,text\n1,2016-06-15,"{ENGLISH}"\n2,2016-06-16,"{ENGLISH}",extra\n3,,"Kabul said so."\n')
    docs, skips = docs_and_skips([p])
    assert [d.id for d in docs] == ["1", "3"] and [s.reason for s in skips] == ["bad-record"]


def test_csv_without_text_column_is_one_skip_and_the_folder_goes_on(tmp_path):
    (tmp_path / "a.csv").write_text("id,body\n1,hello\n")
    (tmp_path / "b.csv").write_text(f'id,text\n2,"{ENGLISH}"\n')
    docs, skips = docs_and_skips([tmp_path])
    assert [d.id for d in docs] == ["2"]
    assert [(s.doc_id, s.reason) for s in skips] == [("a.csv", "bad-record")] and "'text' column" in skips[0].detail


def test_unknown_format_and_missing_file_are_errors(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(InputError, match="unknown input format"):
        list(read_paths([tmp_path / "x.docx"]))
    with pytest.raises(InputError, match="no such file"):
        list(read_paths([tmp_path / "missing.txt"]))


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   \n\t  ", "empty"),
    ("abc\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary"),
    ("x" * 101, "too-long"),
    ("Die pakistanischen Truppen haben am Dienstag afghanische Grenzposten beschossen, sagten "
     "Beamte in Kabul. Die Regierung in Islamabad wies die Vorwürfe zurück und sprach von einer "
     "Provokation.", "not-english"),
    ("Пакистанские войска обстреляли афганские пограничные посты", "not-english"),
    ("巴基斯坦军队周二炮击了阿富汗边境哨所", "not-english"),
])
def test_check_reasons(text, reason):
    skip = check(Document("d", text), max_chars=300 if reason != "too-long" else 100)
    assert skip is not None and skip.reason == reason


@pytest.mark.parametrize("text", [
    "Pakistan shells Afghan posts",
    "Leftist Luis Inácio Lula da Silva handily wins Brazil's presidential election.",
    "U.S. presidential election, 2004: Senator John Kerry wins the New Hampshire primary. Howard Dean comes second.",
])
def test_english_headlines_are_not_rejected(text):
    assert not_english(text) is None
    assert check(Document("d", text), 1000) is None


def test_html_main_text_and_date(tmp_path):
    page = ("<html lang='en'><head><title>t</title><meta property='article:published_time' "
            "content='2016-06-15T08:00:00Z'><script>var x = 'attack';</script></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>Troops attack</a></nav><article>"
            "<p>Pakistani troops shelled Afghan posts near the crossing, officials in Kabul said on Tuesday.</p>"
            "<p>Kabul protested to the Pakistani ambassador and asked for an inquiry into the shelling.</p>"
            "</article></body></html>")
    (tmp_path / "page.html").write_text(page)
    docs, _ = docs_and_skips([tmp_path / "page.html"])
    assert docs[0].id == "page" and docs[0].date == "2016-06-15" and docs[0].language == "en"
    assert docs[0].text.startswith("Pakistani troops shelled") and "Kabul protested" in docs[0].text
    assert "attack" not in docs[0].text.lower() and "Home" not in docs[0].text
