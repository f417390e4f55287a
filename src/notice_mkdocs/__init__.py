"""What the MkDocs adapter (hooks/mkdocs_notice.py) needs besides the core: mending Material for MkDocs where no
template block reaches, and its search index. Only the adapter imports it; `notice`, the core, never does."""
