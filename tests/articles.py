"""Small articles written for the tests: one deal told in English and in Chinese, and bad files."""

from __future__ import annotations

import os
from pathlib import Path

ACME_EN = """---
title: Acme Robotics raises $20 million Series A led by Sequoia Capital
published: 2024-03-05
lang: en
---
Acme Robotics, a warehouse automation start-up, said on Tuesday it had raised $20 million in a
Series A round led by Sequoia Capital, with participation from Example Ventures.

The company sells picking robots to retailers. Its revenue reached $3 million last year.
"""

ACME_ZH = """---
title: 艾克米机器人完成2000万美元A轮融资
published: 2024-03-06
lang: zh
---
仓储自动化公司Acme Robotics宣布完成2000万美元A轮融资，由红杉资本领投，Example Ventures跟投。
"""

BETA_EN = """---
title: Beta Labs closes $8 million seed round
published: 2024-04-10
lang: en
---
Beta Labs, a developer-tools company, has closed an $8 million seed round led by Index Ventures.
"""

BAD_FILES: dict[str, bytes] = {
    "empty.md": b"",
    "picture.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "broken-front-matter.md": b"---\ntitle: [unclosed\n---\nAcme raised $1 million.",
    "list.json": b"[1, 2, 3]",
}


def write_inbox(inbox: Path, files: dict[str, str | bytes]) -> None:
    """Write files as a finished upload would leave them (mtime in the past, so settled)."""
    inbox.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = inbox / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        old = path.stat().st_mtime - 60
        os.utime(path, (old, old))


def write_mixed_inbox(inbox: Path) -> None:
    """Both languages, a second company and every kind of bad file: what runner tests ingest."""
    write_inbox(inbox, {"acme-en.md": ACME_EN, "acme-zh.md": ACME_ZH, "beta.md": BETA_EN})
    write_inbox(inbox, BAD_FILES)
