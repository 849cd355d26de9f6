"""Readers: every input format becomes Articles; bad input becomes a Skipped record naming file and line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from incidentmap.models import Article, Skipped
from incidentmap.readers import iter_articles


def read(*inputs, **kw) -> tuple[list[Article], list[Skipped]]:
    items = list(iter_articles([str(i) for i in inputs], **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


def test_text_file_title_line_and_dateline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Strike hits depot\n\nBy Jane Roe, March 3, 2021\n\nJets struck a depot on Monday.\n")
    [article], skipped = read(f)
    assert not skipped
    assert article.id == "a.txt" and article.title == "Strike hits depot"
    assert "Jets struck a depot" in article.text and "Strike hits depot" not in article.text
    assert article.published == dt.date(2021, 3, 3)


def test_byline_first_line_is_not_a_title(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_text("by Example Staff, June 2, 2017\n\nRebels seized the town.\n")
    [article], _ = read(f)
    assert article.title == ""
    assert article.published == dt.date(2017, 6, 2)


def test_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "c.md"
    f.write_text("---\ntitle: Clashes in Gao\npublished: 2022-08-09\nsource: sahel.example\n"
                 "url: https://sahel.example/x\n---\nFighting erupted near Gao on Sunday.\n")
    [article], _ = read(f)
    assert article.title == "Clashes in Gao"
    assert article.published == dt.date(2022, 8, 9)
    assert article.source == "sahel.example" and article.url == "https://sahel.example/x"
    assert article.text.strip() == "Fighting erupted near Gao on Sunday."


def test_manifest_overrides_and_published_fallback(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("T\n\nA body without a date.\n")
    (tmp_path / "two.txt").write_text("T\n\nAnother body without a date.\n")
    meta = tmp_path / "m.csv"
    meta.write_text("file,published,source,url,note\n"
                    "one.txt,2017-06-09,outlet.example,,a, note, with commas\n")
    articles, skipped = read(tmp_path / "one.txt", tmp_path / "two.txt", meta=meta, published="2020-01-02")
    by_id = {a.id: a for a in articles}
    assert by_id["one.txt"].published == dt.date(2017, 6, 9) and by_id["one.txt"].source == "outlet.example"
    assert by_id["two.txt"].published == dt.date(2020, 1, 2)
    assert not skipped


def test_undated_article_is_kept(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_text("T\n\nNo date anywhere here.\n")
    [article], _ = read(tmp_path / "u.txt")
    assert article.published is None
    assert any("undated" in w for w in article.warnings)


def test_json_object_list_and_jsonl_with_bad_line(tmp_path: Path) -> None:
    (tmp_path / "obj.json").write_text(json.dumps({"id": "r1", "text": "Body one.", "published": "2023-03-15",
                                                   "source": "a.example"}))
    (tmp_path / "list.json").write_text(json.dumps([{"id": "r2", "text": "Body two.", "url": "https://www.b.example/p"},
                                                    {"id": "r3", "title": "no text"}]))
    (tmp_path / "lines.jsonl").write_text(
        '{"id": "r4", "text": "Body four."}\n{not json\n\n{"id": "r5", "text": "Five."}\n'
    )
    articles, skipped = read(tmp_path)
    ids = sorted(a.id for a in articles)
    assert ids == ["r1", "r2", "r4", "r5"]
    r2 = next(a for a in articles if a.id == "r2")
    assert r2.source == "b.example"  # outlet from the address
    messages = sorted(s.message() for s in skipped)
    assert any("lines.jsonl:2" in m and "bad json" in m for m in messages)
    assert any("list.json:2" in m and "no text" in m for m in messages)


def test_csv_records_and_csv_without_text(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('id,title,text,published,url,source\n'
                                    'x1,T,"Shelling hit Kharkiv, officials said.",'
                                    "2023-03-15,,kyiv.example\n")
    (tmp_path / "b.csv").write_text("name,value\na,1\n")
    articles, skipped = read(tmp_path / "a.csv", tmp_path / "b.csv")
    [article] = articles
    assert article.id == "x1" and article.text == "Shelling hit Kharkiv, officials said."
    assert article.published == dt.date(2023, 3, 15) and article.source == "kyiv.example"
    assert [s.reason for s in skipped] == ["no text column"]


def test_html_page(tmp_path: Path) -> None:
    line = "Government forces shelled the northern district of the city on Tuesday, residents said."
    body = " ".join([line] * 4)
    (tmp_path / "p.html").write_text(
        "<html><head><title>Shelling in the north</title>"
        '<meta property="article:published_time" content="2021-05-04"></head><body>'
        f"<nav>Home | World</nav><article><h1>Shelling in the north</h1><p>{body}</p>"
        f"<p>{body}</p></article><footer>Copyright</footer></body></html>"
    )
    [article], skipped = read(tmp_path / "p.html")
    assert not skipped
    assert "shelled the northern district" in article.text
    assert "Home | World" not in article.text
    assert article.published == dt.date(2021, 5, 4)


def test_bad_inputs_never_raise(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "latin.txt").write_bytes("Titre\n\nCaf\xe9 attaqu\xe9.\n".encode("latin-1"))
    (tmp_path / "x.pdf").write_text("nope")
    articles, skipped = read(tmp_path / "bin.txt", tmp_path / "empty.txt", tmp_path / "latin.txt",
                             tmp_path / "x.pdf", tmp_path / "missing.txt")
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons == {"bin.txt": "binary", "empty.txt": "empty", "x.pdf": "unsupported file type",
                       "missing.txt": "not found"}
    [latin] = articles
    assert any(w.startswith("invalid UTF-8 replaced") for w in latin.warnings)


def test_directory_recursive_skips_manifest(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("T\n\nBody.\n")
    (tmp_path / "b.md").write_text("T\n\nBody.\n")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2020-01-01\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("T\n\nBody.\n")
    articles, skipped = read(tmp_path, meta=tmp_path / "manifest.csv")
    assert sorted(a.id for a in articles) == ["a.txt", "b.md"]
    assert next(a for a in articles if a.id == "a.txt").published == dt.date(2020, 1, 1)
    assert not skipped


def test_seed_manifest_dates() -> None:
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    if not shared.is_dir():
        import pytest

        pytest.skip("../shared not present")
    articles, skipped = read(shared, meta=shared / "manifest.csv")
    assert len(articles) == 5 and not skipped
    assert {a.id: a.published.isoformat() for a in articles}["003_1acfcdcad3316124.txt"] == "2018-06-18"


def test_manifest_beside_the_articles_is_used_without_meta(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("T\n\nBody.\n")
    (tmp_path / "manifest.csv").write_text("file,published,source\na.txt,2019-02-03,local.example\n")
    [article], skipped = read(tmp_path / "articles")
    assert article.published == dt.date(2019, 2, 3) and article.source == "local.example" and not skipped


def test_file_starting_with_the_story_keeps_its_first_paragraph(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(
        "BAGHDAD (Wire) - A roadside bomb killed two soldiers near Tarmiyah on Monday, police said.\n\n"
        "Second paragraph.\n"
    )
    [article], _ = read(tmp_path / "wire.txt")
    assert article.title == "" and article.text.startswith("BAGHDAD (Wire) - A roadside bomb")


def test_record_text_in_html_becomes_plain_text(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(json.dumps(
        {"id": "h1", "text": "<p>Jets struck Idlib on Monday.</p><p>Rescuers &amp; medics said 4 died.</p>"}
    ) + "\n")
    [article], _ = read(tmp_path / "r.jsonl")
    assert "<p>" not in article.text and "Rescuers & medics" in article.text
    assert "Monday.\n\nRescuers" in article.text


def test_a_line_break_in_a_csv_header_stays_inside_one_message(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(b'"!\n!')  # a quoted header cell holding a line break (found by the 10k hypothesis run)
    (skipped,) = [s for s in iter_articles([path]) if isinstance(s, Skipped)]
    message = skipped.message()
    assert "\n" not in message and message.startswith(f"{path}:1: skipped, no text column")
