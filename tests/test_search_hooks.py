"""scripts/search_hooks.py without a browser: the synonym table, and how Material's index
entries become the compact search/search_ja.json."""

from __future__ import annotations

import sys

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import search_hooks  # noqa: E402


def test_the_repository_synonym_table_loads():
    groups = search_hooks.load_synonyms()
    assert len(groups) >= 40
    flat = [w for g in groups for w in g]
    for word in ("ドコモ", "docomo", "戻ってくる", "バウンス", "繋が", "つなが", "ネット", "インターネット"):
        assert word in flat


@pytest.mark.parametrize(
    "text,problem",
    [
        ("groups: [[a]]\n", "group 1"),
        ("groups: [[a, 1]]\n", "group 1"),
        ("- [a, b]\n", "'groups' list"),
        ("groups: [[a, b]\n", "cannot read"),
    ],
)
def test_a_bad_synonym_table_stops_the_build_with_one_message(tmp_path, text, problem):
    path = tmp_path / "syn.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PluginError, match=problem):
        search_hooks.load_synonyms(path)


def test_code_blocks_are_kept_apart_and_tags_dropped():
    text, code = search_hooks.plain(
        '<p>結果は <code>ipconfig /all</code> で&amp;見ます。</p><pre><code>Windows IP 構成\n\n  ホスト名</code></pre><p>次へ</p>'
    )
    assert text == "結果は ipconfig /all で&見ます。 次へ"
    assert code == "Windows IP 構成 ホスト名"


def test_pages_group_their_sections_with_keywords_description_and_boost():
    material = {
        "docs": [
            {"location": "mail/", "title": "メール", "text": "<p>はじめに</p>", "boost": 2},
            {"location": "mail/#a", "title": "送信", "text": "<p>本文</p><pre>550</pre>"},
            {"location": "net/", "title": "ネット", "text": ""},
        ]
    }
    index = search_hooks.build_index(material, {"mail/": "送れない"}, [["a", "b"]], {"mail/": "概要"})
    assert index["syn"] == [["a", "b"]]
    mail, net = index["pages"]
    assert mail == {"l": "mail/", "t": "メール", "k": "送れない", "d": "概要", "b": 2,
                    "s": [["", "", "はじめに"], ["#a", "送信", "本文", "550"]]}
    assert net == {"l": "net/", "t": "ネット", "s": [["", "", ""]]}


def test_link_texts_to_other_pages_do_not_count_for_the_linking_page():
    class Page:
        url = "mail/not-received/"

    html = ('<p>詳しくは <a href="../bounce/">英語のエラーメールが返ってきた</a> を、'
            '<a href="#top">このページの先頭</a>、<a href="https://example.com/">外部のページ</a>、'
            '<a href="../x/">短い</a>。</p>')
    search_hooks.on_pre_build(None)
    assert search_hooks.on_page_content(html, Page(), None, None) == html
    links = search_hooks._link_texts[Page.url]
    assert links == ["英語のエラーメールが返ってきた"]  # not anchors, other sites or tiny words
    material = {"docs": [{"location": "mail/not-received/", "title": "届いていない",
                          "text": "<p>詳しくは 英語のエラーメールが返ってきた を読みます。</p>"}]}
    index = search_hooks.build_index(material, {}, [], {}, search_hooks._link_texts)
    assert index["pages"][0]["s"][0][2] == "詳しくは を読みます。"
