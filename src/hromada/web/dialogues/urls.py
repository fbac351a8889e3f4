from __future__ import annotations

from django.urls import path

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
from hromada.web.dialogues.views import (
    analysis,
    circles,
    outcomes,
    paper,
    participate,
    ranking,
    sessions,
    statements,
)

app_name = "dialogues"

TAB = "communities/<katotth:katotth>/dialogue/"
ONE = TAB + "<int:pk>/"
CIRCLES = TAB + "circles/"

urlpatterns = [
    path(TAB, sessions.index, name="index"),
    path(TAB + "new/", sessions.session_new, name="session-new"),
    path(ONE, sessions.session_detail, name="session"),
    path(ONE + "edit/", sessions.session_edit, name="session-edit"),
    path(ONE + "delete/", sessions.session_delete, name="session-delete"),
    path(ONE + "voting/", sessions.voting, name="voting"),
    path(ONE + "attendance/", sessions.attendance, name="attendance"),
    path(ONE + "attendance/population/", sessions.population, name="population"),
    path(ONE + "attendees/", sessions.attendee_add, name="attendee-add"),
    path(
        ONE + "attendees/<int:attendee>/remove/",
        sessions.attendee_remove,
        name="attendee-remove",
    ),
    path(ONE + "statements/", statements.statements, name="statements"),
    path(
        ONE + "statements/<int:number>/",
        statements.statement_edit,
        name="statement-edit",
    ),
    path(
        ONE + "statements/<int:number>/moderate/",
        statements.statement_moderate,
        name="statement-moderate",
    ),
    path(ONE + "tally-sheet/", paper.tally_sheet, name="tally-sheet"),
    path(ONE + "tallies/", paper.tallies, name="tallies"),
    path(ONE + "import/", paper.polis_import, name="import"),
    path(ONE + "analysis/", analysis.analysis, name="analysis"),
    path(ONE + "ranking/", ranking.ranking, name="ranking"),
    path(ONE + "ranking/setup/", ranking.ranking_setup, name="ranking-setup"),
    path(ONE + "ranking/delete/", ranking.ranking_delete, name="ranking-delete"),
    path(ONE + "ranking/paper/", ranking.ranking_paper, name="ranking-paper"),
    path(ONE + "priorities/", ranking.priorities, name="priorities"),
    path(
        ONE + "statements/from-register/",
        ranking.statements_seed,
        name="statements-seed",
    ),
    path(ONE + "outcomes/", outcomes.outcomes, name="outcomes"),
    path(ONE + "agreements/", outcomes.agreement_add, name="agreement-add"),
    path(
        ONE + "agreements/<int:item>/", outcomes.agreement_edit, name="agreement-edit"
    ),
    path(
        ONE + "agreements/<int:item>/delete/",
        outcomes.agreement_delete,
        name="agreement-delete",
    ),
    path(ONE + "actions/", outcomes.action_add, name="action-add"),
    path(ONE + "actions/<int:item>/", outcomes.action_edit, name="action-edit"),
    path(
        ONE + "actions/<int:item>/delete/",
        outcomes.action_delete,
        name="action-delete",
    ),
    path(CIRCLES, circles.circles, name="circles"),
    path(CIRCLES + "new/", circles.circle_new, name="circle-new"),
    path(CIRCLES + "<int:pk>/", circles.circle, name="circle"),
    path(
        CIRCLES + "<int:pk>/parties/",
        circles.circle_party_add,
        name="circle-party-add",
    ),
    path(
        CIRCLES + "<int:pk>/parties/<int:item>/remove/",
        circles.circle_party_remove,
        name="circle-party-remove",
    ),
    path(CIRCLES + "<int:pk>/items/", circles.circle_item_add, name="circle-item-add"),
    path(
        CIRCLES + "<int:pk>/items/<int:item>/",
        circles.circle_item_status,
        name="circle-item-status",
    ),
    path(
        CIRCLES + "<int:pk>/follow-ups/",
        circles.circle_follow_up_add,
        name="circle-follow-up-add",
    ),
    path(
        CIRCLES + "<int:pk>/hand-over/",
        circles.circle_hand_over,
        name="circle-hand-over",
    ),
    path(CIRCLES + "<int:pk>/delete/", circles.circle_delete, name="circle-delete"),
    # The participants' page: short addresses, no account.
    path("d/", participate.join, name="join"),
    path("d/<str:code>/", participate.vote, name="vote"),
    path("d/<str:code>/statement/", participate.propose, name="propose"),
    path("d/<str:code>/skip/", participate.skip_meta, name="skip-meta"),
    path("d/<str:code>/ranking/", participate.rank, name="rank"),
]
