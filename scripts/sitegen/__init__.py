"""sitegen: builds a multilingual sextortion-awareness site from Markdown and YAML."""
