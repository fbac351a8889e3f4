"""The risks tab: the register, the matrix and the security potential.

Facilitators and the working group edit; the coordinator and council viewers
read; anyone else gets 404. A reader who posts a change gets 403. A risk's
location and hotspot links show only to those who may read internal geodata.
"""

from hromada.web.risks.views.potential import (
    capacity_edit,
    risk_matrix,
    security_potential,
    stakeholder_capacity_edit,
)
from hromada.web.risks.views.register import (
    register_refresh,
    risk_add,
    risk_detail,
    risk_edit,
    risk_register,
    suggestion_accept,
    suggestion_dismiss,
)

__all__ = [
    "capacity_edit",
    "register_refresh",
    "risk_add",
    "risk_detail",
    "risk_edit",
    "risk_matrix",
    "risk_register",
    "security_potential",
    "stakeholder_capacity_edit",
    "suggestion_accept",
    "suggestion_dismiss",
]
