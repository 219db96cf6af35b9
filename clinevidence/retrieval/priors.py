"""Evidence priors: stronger and newer evidence ranks a little higher (switch off for IR evaluation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..models import EVIDENCE_LEVEL, DocType


@dataclass(frozen=True, slots=True)
class Priors:
    type_weight: float = 0.04
    recency_weight: float = 0.03
    recency_half_life_years: float = 8.0

    def boost(self, doc_type: DocType, year: int | None, now_year: int | None = None) -> float:
        """Multiplicative boost >= 1.0 for a document's type and age."""
        level = EVIDENCE_LEVEL[doc_type]
        b = 1.0 + self.type_weight * (level - 2)
        if year:
            age = max(0, (now_year or datetime.now(UTC).year) - year)
            b += self.recency_weight * 0.5 ** (age / self.recency_half_life_years)
        return max(b, 0.5)


NO_PRIORS = Priors(type_weight=0.0, recency_weight=0.0)
