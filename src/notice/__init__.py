"""The privacy notice as data: model, validation, versions, rendering, consent.

This package knows nothing of MkDocs; `hooks/mkdocs_notice.py` adapts it to a build.
"""
