"""The service's failures a user can act on: ``ServiceError`` and its named cases."""

from __future__ import annotations

from engine.errors import UserError


class ServiceError(UserError):
    """A failure the user can act on, worded for them in both languages."""


class PlanNotFound(ServiceError):
    def __init__(self, plan_id: int, version: int | None = None) -> None:
        if version is None:
            super().__init__(
                it=f"Il piano {plan_id} non esiste: controllate il numero con "
                "'rooting-future list'.",
                en=f"Plan {plan_id} does not exist: check the number with 'rooting-future list'.",
                code="not_found",
            )
        else:
            super().__init__(
                it=f"Il piano {plan_id} non ha una versione {version}: vedete "
                f"'rooting-future versions {plan_id}'.",
                en=f"Plan {plan_id} has no version {version}: see "
                f"'rooting-future versions {plan_id}'.",
                code="not_found",
            )


class ClubLimitReached(ServiceError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            it=f"La licenza consente al massimo {limit} società e sono già tutte in uso: "
            "aprite un piano di una società esistente o ampliate la licenza.",
            en=f"The licence allows at most {limit} clubs and all are in use: "
            "open a plan of an existing club or extend the licence.",
            code="club_limit",
        )
