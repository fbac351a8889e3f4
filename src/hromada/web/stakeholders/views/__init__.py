"""The stakeholders tab: the map, the cooperation network and the working group.

Facilitators of the community's partner edit; the coordinator, working-group
members and council viewers read; anyone else gets 404. A reader who posts a
change gets 403.
"""

from hromada.web.stakeholders.views.map import (
    stakeholder_add,
    stakeholder_delete,
    stakeholder_edit,
    stakeholder_map,
)
from hromada.web.stakeholders.views.network import (
    cooperation_network,
    relation_add,
    relation_delete,
    relation_edit,
)
from hromada.web.stakeholders.views.working_group import (
    member_add,
    member_delete,
    member_edit,
    working_group,
    working_group_edit,
)

__all__ = [
    "cooperation_network",
    "member_add",
    "member_delete",
    "member_edit",
    "relation_add",
    "relation_delete",
    "relation_edit",
    "stakeholder_add",
    "stakeholder_delete",
    "stakeholder_edit",
    "stakeholder_map",
    "working_group",
    "working_group_edit",
]
