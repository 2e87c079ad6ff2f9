"""sitegen: builds a multilingual sextortion-awareness site from Markdown and YAML."""

import os

# MkDocs 1.x has no maintainer; ProperDocs is its maintained drop-in fork. With
# SITEGEN_ENGINE=properdocs every `mkdocs` import (ours, the theme's, the hooks') resolves to
# ProperDocs. It must happen before anything imports mkdocs, hence here.
if os.environ.get("SITEGEN_ENGINE", "mkdocs") == "properdocs":
    import properdocs.replacement  # noqa: F401
elif os.environ.get("SITEGEN_ENGINE", "mkdocs") != "mkdocs":
    raise SystemExit(
        f"SITEGEN_ENGINE is {os.environ['SITEGEN_ENGINE']!r}; it can be mkdocs (the default) or properdocs."
    )
