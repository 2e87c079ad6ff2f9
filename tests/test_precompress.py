"""The gzip copies of the built site's pages, stylesheets and scripts (sitegen.precompress), on files made here."""

from __future__ import annotations

import gzip
import os
import random
import time
from pathlib import Path

import sitegen.precompress as precompress_module
from sitegen.precompress import MIN_SIZE, precompress


def test_a_copy_for_each_page_stylesheet_and_script_worth_it_and_none_for_anything_else(tmp_path: Path) -> None:
    page = "<p>It is not your fault. You are not in trouble for reporting.</p>\n" * 100
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "site.css").write_text("a{color:red}" * 200, encoding="utf-8")
    (tmp_path / "small.js").write_text("x=1;" * (MIN_SIZE // 4 - 1), encoding="utf-8")  # under MIN_SIZE
    (tmp_path / "card.vcf").write_text("BEGIN:VCARD\n" * 200, encoding="utf-8")  # not a type nginx compresses
    (tmp_path / "poster.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 20)
    (tmp_path / "index.json").write_text('{"docs": []}' * 200, encoding="utf-8")  # data: compressed as sent
    (tmp_path / "random.js").write_bytes(random.Random(1).randbytes(4096))  # does not compress: no copy
    (tmp_path / "link.html").symlink_to(tmp_path / "fr" / "index.html")
    assert precompress(tmp_path, 2) == 2
    copies = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.gz"))
    assert copies == ["fr/index.html.gz", "site.css.gz"]
    assert gzip.decompress((tmp_path / "fr" / "index.html.gz").read_bytes()).decode() == page


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _copies(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.gz")}


def test_a_rebuild_compresses_only_the_pages_that_changed(tmp_path: Path, monkeypatch) -> None:
    pages = {f"p{i}.html": f"<h1>Page {i}</h1>" + "<p>Stop replying. Keep the messages.</p>" * 60 for i in range(5)}
    cache = tmp_path / "cache"
    first = _site(tmp_path / "first", pages)
    assert precompress(first, 2, cache) == 5
    compressed: list[int] = []
    real = precompress_module.deflate.gzip_compress
    monkeypatch.setattr(
        precompress_module.deflate, "gzip_compress", lambda d, lv: compressed.append(len(d)) or real(d, lv)
    )
    second = _site(tmp_path / "second", {**pages, "p3.html": pages["p3.html"] + "<p>Talk to someone you trust.</p>"})
    assert precompress(second, 2, cache) == 5
    assert len(compressed) == 1  # only the edited page
    assert _copies(second).keys() == _copies(first).keys()
    for name, packed in _copies(second).items():
        assert gzip.decompress(packed) == (second / name.removesuffix(".gz")).read_bytes()


def test_a_damaged_or_altered_cache_entry_is_never_published(tmp_path: Path) -> None:
    page = "<p>You are not alone, and this is not your fault.</p>" * 80
    cache = tmp_path / "cache"
    precompress(_site(tmp_path / "a", {"index.html": page}), 1, cache)
    (entry,) = cache.glob("*.gz")
    altered = page.replace("not alone", "all alone")  # as long as the page: the size it claims is right
    for bad in (
        entry.read_bytes()[:-9],
        gzip.compress(b"<p>Send the money now.</p>" * 80),
        gzip.compress(altered.encode()),
    ):
        entry.write_bytes(bad)
        site = _site(tmp_path / f"b{len(bad)}", {"index.html": page})
        precompress(site, 1, cache)
        assert gzip.decompress((site / "index.html.gz").read_bytes()).decode() == page
        assert gzip.decompress(entry.read_bytes()).decode() == page  # and the entry is mended


def test_a_cache_entry_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    """Not even to the right copy: a link could as well lead to a device or a pipe that never ends."""
    page = "<p>Stop replying, keep the messages, and tell someone you trust.</p>" * 80
    cache = tmp_path / "cache"
    precompress(_site(tmp_path / "a", {"index.html": page}), 1, cache)
    (entry,) = cache.glob("*.gz")
    elsewhere = tmp_path / "elsewhere.gz"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    site = _site(tmp_path / "b", {"index.html": page})
    precompress(site, 1, cache)
    assert gzip.decompress((site / "index.html.gz").read_bytes()).decode() == page
    assert not entry.is_symlink()  # replaced by the page's own copy


def test_copies_no_build_has_used_for_a_week_are_deleted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    precompress(_site(tmp_path / "old", {"old.html": "<p>An old page.</p>" * 100}), 1, cache)
    (old,) = cache.glob("*.gz")
    week_ago = time.time() - precompress_module.KEEP_SECONDS - 60
    os.utime(old, (week_ago, week_ago))
    precompress(_site(tmp_path / "new", {"new.html": "<p>A new page.</p>" * 100}), 1, cache)
    assert not old.exists()
    assert len(list(cache.glob("*.gz"))) == 1


def test_what_an_interrupted_build_left_in_the_cache_goes_after_a_week(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    left, fresh = cache / ".partial-123-abc", cache / ".partial-456-def"  # another build may be writing this one
    for partial in (left, fresh):
        partial.write_bytes(b"half an entry")
    week_ago = time.time() - precompress_module.KEEP_SECONDS - 60
    os.utime(left, (week_ago, week_ago))
    precompress(_site(tmp_path / "site", {"index.html": "<p>Keep the messages.</p>" * 100}), 1, cache)
    assert not left.exists()
    assert fresh.exists()
