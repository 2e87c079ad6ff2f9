"""The gzip copies of the built site's pages, stylesheets and scripts (sitegen.precompress), on files made here."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

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
