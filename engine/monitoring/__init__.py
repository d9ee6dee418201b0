"""Monitoring the plan over its three seasons: actuals, status, import (issue 17)."""

from engine.monitoring.model import (
    ActionRecord,
    ActionState,
    Actual,
    Progress,
    Rag,
    Review,
    Subject,
)
from engine.monitoring.status import progress, review_date

__all__ = [
    "ActionRecord",
    "ActionState",
    "Actual",
    "Progress",
    "Rag",
    "Review",
    "Subject",
    "progress",
    "review_date",
]
