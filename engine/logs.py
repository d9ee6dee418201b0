"""Log files in the data folder, with secrets redacted (``engine.redaction``) before anything
is written."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from engine.redaction import redact

LOG_FOLDER = "logs"
LOG_NAME = "rooting-future.log"


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(home: Path, level: int = logging.INFO) -> Path:
    """Log to ``<home>/logs/rooting-future.log`` (rotated); returns the file's path."""
    folder = home / LOG_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path):
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8", delay=True
    )
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
