"""Importing a Pol.is CSV export: atomic, precise errors, never counted twice."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada import core
from hromada.web.audit.models import AuditEvent
from hromada.web.dialogues import services
from hromada.web.dialogues.demo import DATA
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.forms import parse_ids
from hromada.web.dialogues.models import (
    DialogueSession,
    Participant,
    Statement,
    Vote,
)
from hromada.web.dialogues.polis import latest_votes, parse_export
from tests.datasets import DATASETS
from tests.web.dialogue_cases import DialogueCase

LONDON = DATASETS / "polis-london-youth-policing"
VOTES = (LONDON / "votes.csv").read_bytes()
COMMENTS = (LONDON / "comments.csv").read_bytes()
GOOD_COMMENTS = b"comment-id,moderated,comment-body\n0,1,Yes\n1,1,No\n"


class ImportTest(DialogueCase):
    empty: DialogueSession

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.empty = services.session_create(
            community=cls.community,
            kind="community_dialogue",
            title="Лондон",
            date=cls.session.date,
        )

    def upload(self, votes: bytes, comments: bytes, **extra: str) -> Any:
        self.login(self.facilitator)
        return self.client.post(
            self.url("import", session=self.empty),
            {
                "votes": SimpleUploadedFile("votes.csv", votes),
                "comments": SimpleUploadedFile("comments.csv", comments),
                "language": "en",
                "meta": "0-14",
                **extra,
            },
        )

    def test_the_london_export_imports_through_the_page(self) -> None:
        response = self.upload(VOTES, COMMENTS, attribution="CC BY 4.0")
        self.assertRedirects(response, self.url("analysis", session=self.empty))
        statements = self.empty.statements.all()
        self.assertEqual(statements.count(), 39)
        self.assertEqual(statements.filter(is_meta=True).count(), 15)
        self.assertEqual(statements.filter(moderation=-1).count(), 3)
        self.assertEqual(
            statements.get(number=34).text_en, "Global transparency is a must"
        )
        self.assertEqual(Participant.objects.filter(session=self.empty).count(), 26)
        raw = pd.read_csv(LONDON / "votes.csv")
        pairs = raw.drop_duplicates(["voter-id", "comment-id"])
        self.assertEqual(
            Vote.objects.filter(statement__session=self.empty).count(), len(pairs)
        )
        event = AuditEvent.objects.get(action="import")
        self.assertEqual(
            event.detail["sha256"]["votes.csv"], hashlib.sha256(VOTES).hexdigest()
        )
        self.empty.refresh_from_db()
        self.assertEqual(self.empty.attribution, "CC BY 4.0")

    def test_importing_again_adds_nothing(self) -> None:
        self.upload(VOTES, COMMENTS)
        votes = Vote.objects.count()
        summary = services.polis_import(
            session=self.empty,
            actor=None,
            votes=VOTES,
            comments=COMMENTS,
            meta=range(15),
        )
        self.assertEqual((summary.votes_added, summary.votes_changed), (0, 0))
        self.assertEqual(summary.votes_unchanged, votes)
        self.assertEqual(Vote.objects.count(), votes)
        self.assertEqual(Participant.objects.filter(session=self.empty).count(), 26)
        self.assertEqual(Statement.objects.filter(session=self.empty).count(), 39)

    def test_a_later_export_adds_and_changes_only_what_is_new(self) -> None:
        first = b"timestamp,datetime,comment-id,voter-id,vote\n10,x,0,7,1\n10,x,1,7,1\n"
        later = first + b"20,x,1,7,-1\n30,x,0,8,0\n"
        services.polis_import(
            session=self.empty, actor=None, votes=first, comments=GOOD_COMMENTS
        )
        summary = services.polis_import(
            session=self.empty, actor=None, votes=later, comments=GOOD_COMMENTS
        )
        self.assertEqual(
            (summary.votes_added, summary.votes_changed, summary.votes_unchanged),
            (1, 1, 1),
        )
        values = dict(
            Vote.objects.filter(participant__external_id="7").values_list(
                "statement__number", "value"
            )
        )
        self.assertEqual(values, {0: 1, 1: -1})

    def test_bad_files_are_refused_with_row_and_column(self) -> None:
        header = b"timestamp,datetime,comment-id,voter-id,vote\n"
        cases = [
            (
                header + b"1,x,0,1,1\n2,x,0,2,5\n",
                GOOD_COMMENTS,
                "рядок 2: «vote» має бути 1",
            ),
            (
                b"timestamp,comment-id,vote\n1,0,1\n",
                GOOD_COMMENTS,
                "бракує стовпця «voter-id»",
            ),
            (
                header + b"1,x,0,abc,1\n",
                GOOD_COMMENTS,
                "рядок 1: «voter-id» має бути числом",
            ),
            (
                header + b"1,x,9,1,1\n",
                GOOD_COMMENTS,
                "твердження 9 немає у файлі тверджень",
            ),
            (header, GOOD_COMMENTS, "У файлі votes.csv немає жодного голосу"),
            (header + b"1,x,0,1,1\n", b"\xff\xfe\x00", "не текст у кодуванні UTF-8"),
            (
                header + b"1,x,0,1,1\n",
                b"comment-id,comment-body\n0,A\n0,B\n",
                "рядок 2: це значення «comment-id» трапляється двічі",
            ),
            (
                header + b"1,x,0,1,1\n",
                b"comment-id,moderated,comment-body\n0,7,A\n",
                "«moderated» має бути 1, 0 або -1",
            ),
            (
                header + b"1,x,0,1,1\n",
                b"comment-id,comment-body\n0,\n",
                "рядок 1: «comment-body» порожнє",
            ),
            (b'\x00\n"', GOOD_COMMENTS, "не вдається прочитати як CSV"),
        ]
        for votes, comments, message in cases:
            with self.subTest(message=message):
                response = self.upload(votes, comments)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(Statement.objects.filter(session=self.empty).exists())
        self.assertFalse(Participant.objects.filter(session=self.empty).exists())
        self.assertFalse(AuditEvent.objects.filter(action="import").exists())

    def test_a_failure_half_way_saves_nothing(self) -> None:
        # The statements and voters are fine; a vote fails only in the database.
        bad = b"timestamp,datetime,comment-id,voter-id,vote\n1,x,0,1,1\n"
        services.statements_add(session=self.empty, texts=["Своє"], language="uk")
        with self.assertRaisesMessage(Refused, "уже має власні твердження"):
            services.polis_import(
                session=self.empty, actor=None, votes=bad, comments=GOOD_COMMENTS
            )
        self.assertEqual(self.empty.statements.count(), 1)
        self.assertFalse(Participant.objects.filter(session=self.empty).exists())

    def test_meta_ids_are_checked(self) -> None:
        response = self.upload(VOTES, COMMENTS, meta="0-x")
        self.assertContains(response, "0-14, 20", status_code=400)
        self.assertEqual(parse_ids("0-2, 5"), [0, 1, 2, 5])
        self.assertEqual(parse_ids(""), [])
        for bad in ("5-2", "a", "1,,2"):
            with self.assertRaises(ValueError):
                parse_ids(bad)

    def test_the_imported_conversation_gives_the_polis_groups(self) -> None:
        services.polis_import(
            session=self.empty,
            actor=None,
            votes=VOTES,
            comments=COMMENTS,
            meta=range(15),
        )
        from hromada.web.dialogues.analysis import statements_frame, votes_frame

        ours = core.analyse_opinions(
            votes_frame(self.empty), statements_frame(self.empty)
        )
        voter = dict(
            Participant.objects.filter(session=self.empty).values_list(
                "pk", "external_id"
            )
        )
        exported = pd.read_csv(LONDON / "participants-votes.csv").dropna(
            subset=["group-id"]
        )
        polis = {
            frozenset(str(p) for p in group["participant"].astype(int))
            for _, group in exported.groupby("group-id")
        }
        mine = {frozenset(voter[m] for m in g.members) for g in ours.groups}
        self.assertEqual(mine, polis)
        stored = services.analysis_refresh(session=self.empty)
        self.assertEqual(stored.k, 3)
        self.assertEqual(
            sorted(g["size"] for g in stored.result["groups"]),
            sorted(len(g) for g in polis),
        )


class ShippedDataTest(SimpleTestCase):
    def test_the_demo_ships_the_export_byte_for_byte(self) -> None:
        for name in ("votes.csv", "comments.csv"):
            self.assertEqual((DATA / name).read_bytes(), (LONDON / name).read_bytes())

    def test_every_statement_has_a_ukrainian_translation(self) -> None:
        translations = pd.read_csv(DATA / "statements_uk.csv")
        comments = pd.read_csv(LONDON / "comments.csv")
        self.assertEqual(
            sorted(translations["comment-id"]), sorted(comments["comment-id"])
        )
        self.assertTrue(translations["text_uk"].str.strip().astype(bool).all())
        notice = (Path(DATA).parent / "NOTICE").read_text()
        self.assertIn(
            "Data was gathered using the Polis software (compdemocracy.org/polis) and "
            "is sub-licensed under CC BY 4.0 with Attribution to The Computational "
            "Democracy Project.",
            notice,
        )


class ParseExportPropertiesTest(SimpleTestCase):
    @settings(max_examples=150, deadline=None)
    @given(st.binary(max_size=600), st.binary(max_size=300))
    def test_any_bytes_parse_or_are_refused(
        self, votes: bytes, comments: bytes
    ) -> None:
        try:
            parsed = parse_export(votes, comments)
        except Refused as refusal:
            self.assertTrue(refusal.message)
        else:
            self.assertEqual(len(parsed.votes), len(latest_votes(parsed.votes)))

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 5),
                st.integers(0, 3),
                st.sampled_from(["1", "-1", "0", "2", "x", ""]),
                st.integers(0, 50),
            ),
            max_size=25,
        )
    )
    def test_csv_like_exports_parse_or_are_refused(
        self, rows: list[tuple[int, int, str, int]]
    ) -> None:
        lines = ["timestamp,datetime,comment-id,voter-id,vote"]
        lines += [f"{t},x,{s},{p},{v}" for p, s, v, t in rows]
        comments = "comment-id,comment-body\n" + "".join(
            f"{i},S{i}\n" for i in range(3)
        )
        try:
            parsed = parse_export("\n".join(lines).encode(), comments.encode())
        except Refused as refusal:
            self.assertIn(
                refusal.code,
                {
                    "empty_votes",
                    "unknown_vote",
                    "missing_value",
                    "not_a_number",
                    "unknown_statement",
                },
            )
        else:
            pairs = parsed.votes[["participant", "statement"]]
            self.assertFalse(pairs.duplicated().any())
