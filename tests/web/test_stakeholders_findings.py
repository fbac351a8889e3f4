"""The core's network findings in plain Ukrainian and English.

Names stay in the nominative wherever they stand, so sentences read naturally
whatever the names: singular or plural, masculine or feminine, with quotes.
"""

from __future__ import annotations

from django.test import SimpleTestCase
from django.utils import translation

from hromada.core import FINDING_CODES, NetworkFinding
from hromada.web.stakeholders.findings import (
    SEVERITY,
    WORDING,
    listing,
    percent,
    sentence,
    sentences,
)

NAMES = {
    1: "Поліція",
    2: "Молодіжна рада",
    3: "ГО «Ветерани разом»",
    4: "Волонтери",
    5: "Управління освіти",
}
NBSP = "\u00a0"


def worded(finding: NetworkFinding, language: str) -> str:
    with translation.override(language):
        return sentence(finding, NAMES)


class FindingWordingTest(SimpleTestCase):
    def test_every_finding_code_has_words_and_a_severity(self) -> None:
        self.assertEqual(set(WORDING), set(FINDING_CODES))
        self.assertEqual(set(SEVERITY), set(FINDING_CODES))

    def test_two_key_actors_not_connected(self) -> None:
        finding = NetworkFinding("key_actors_not_connected", (1, 2))
        self.assertEqual(
            worded(finding, "uk"),
            "Поліція — Молодіжна рада: ці ключові суб’єкти безпеки не пов’язані ні "
            "напряму, ні через інших.",
        )
        self.assertEqual(
            worded(finding, "en"),
            "Поліція — Молодіжна рада: these key actors are not connected, neither "
            "directly nor through others.",
        )

    def test_a_key_actor_alone_or_with_one_partner(self) -> None:
        alone = NetworkFinding("key_actor_isolated", (1,))
        self.assertEqual(
            worded(alone, "uk"),
            "Поліція: ключовий суб’єкт безпеки, який ні з ким не співпрацює.",
        )
        self.assertEqual(
            worded(alone, "en"), "Поліція: a key actor that cooperates with no one."
        )
        single = NetworkFinding("key_actor_single_link", (1, 3))
        self.assertEqual(
            worded(single, "uk"),
            "Поліція: ключовий суб’єкт безпеки, єдиний партнер якого у співпраці — "
            "ГО «Ветерани разом».",
        )
        self.assertEqual(
            worded(single, "en"),
            "Поліція: a key actor whose only cooperation partner is "
            "ГО «Ветерани разом».",
        )

    def test_isolates_agree_with_their_number(self) -> None:
        cases = {
            (4,): (
                "1 зацікавлена сторона не має жодного зв’язку співпраці: Волонтери.",
                "1 stakeholder has no cooperation ties: Волонтери.",
            ),
            (2, 4): (
                "2 зацікавлені сторони не мають жодного зв’язку співпраці: "
                "Молодіжна рада і Волонтери.",
                "2 stakeholders have no cooperation ties: Молодіжна рада and "
                "Волонтери.",
            ),
            (2, 3, 4, 5, 1): (
                "5 зацікавлених сторін не мають жодного зв’язку співпраці: "
                "Молодіжна рада, ГО «Ветерани разом», Волонтери, Управління освіти "
                "і Поліція.",
                "5 stakeholders have no cooperation ties: Молодіжна рада, "
                "ГО «Ветерани разом», Волонтери, Управління освіти and Поліція.",
            ),
        }
        for subjects, (uk, en) in cases.items():
            finding = NetworkFinding("isolates", subjects, count=len(subjects))
            with self.subTest(subjects=subjects):
                self.assertEqual(worded(finding, "uk"), uk)
                self.assertEqual(worded(finding, "en"), en)

    def test_density_and_fragments_give_shares_in_each_languages_style(
        self,
    ) -> None:
        sparse = NetworkFinding("low_density", value=0.1234)
        self.assertEqual(
            worded(sparse, "uk"),
            f"Мережа співпраці розріджена: існує лише 12{NBSP}% можливих зв’язків "
            "між зацікавленими сторонами.",
        )
        self.assertEqual(
            worded(sparse, "en"),
            "The cooperation network is sparse: only 12% of the possible ties "
            "between stakeholders exist.",
        )
        fragments = NetworkFinding("fragmented", value=2 / 3, count=3)
        self.assertEqual(
            worded(fragments, "uk"),
            f"Мережа розпадається на 3 окремі групи, які не співпрацюють між собою; "
            f"у найбільшій — 67{NBSP}% зацікавлених сторін.",
        )
        self.assertIn("falls into 3 separate groups", worded(fragments, "en"))
        five = NetworkFinding("fragmented", value=0.4, count=5)
        self.assertIn("на 5 окремих груп", worded(five, "uk"))

    def test_brokers_say_why_they_matter(self) -> None:
        cut = NetworkFinding("broker", (5,), value=0.5, count=3)
        self.assertEqual(
            worded(cut, "uk"),
            "Управління освіти: посередник; без цієї сторони її група розпалася б на "
            "3 частини.",
        )
        self.assertEqual(
            worded(cut, "en"),
            "Управління освіти: a broker; without this stakeholder its group would "
            "fall into 3 parts.",
        )
        busy = NetworkFinding("broker", (5,), value=0.25, count=1)
        self.assertEqual(
            worded(busy, "uk"),
            f"Управління освіти: посередник; через цю сторону проходить 25{NBSP}% "
            "найкоротших шляхів між іншими сторонами.",
        )
        self.assertIn("25% of the shortest paths", worded(busy, "en"))

    def test_conflicts_and_missing_contact_name_the_pair(self) -> None:
        conflict = NetworkFinding("conflict_between", (3, 1))
        self.assertEqual(
            worded(conflict, "uk"), "ГО «Ветерани разом» — Поліція: конфлікт."
        )
        self.assertEqual(
            worded(conflict, "en"), "ГО «Ветерани разом» — Поліція: in conflict."
        )
        gap = NetworkFinding("no_contact_between", (2, 5))
        self.assertEqual(
            worded(gap, "uk"), "Молодіжна рада — Управління освіти: немає контакту."
        )
        self.assertEqual(
            worded(gap, "en"), "Молодіжна рада — Управління освіти: no contact."
        )

    def test_a_name_written_in_lower_case_still_starts_the_sentence(self) -> None:
        finding = NetworkFinding("key_actor_isolated", (9,))
        with translation.override("uk"):
            text = sentence(finding, {9: "міська рада"})
        self.assertTrue(text.startswith("Міська рада: "))

    def test_findings_come_worst_first_keeping_the_cores_order_within(
        self,
    ) -> None:
        findings = (
            NetworkFinding("low_density", value=0.1),
            NetworkFinding("broker", (5,), value=0.3, count=1),
            NetworkFinding("key_actor_isolated", (1,)),
            NetworkFinding("conflict_between", (2, 3)),
        )
        with translation.override("en"):
            worded_all = sentences(findings, NAMES)
        self.assertEqual(
            [(s.code, s.severity) for s in worded_all],
            [
                ("key_actor_isolated", "high"),
                ("conflict_between", "high"),
                ("low_density", "medium"),
                ("broker", "info"),
            ],
        )
        self.assertIs(worded_all[0].finding, findings[2])

    def test_lists_and_shares(self) -> None:
        with translation.override("uk"):
            self.assertEqual(listing(["А"]), "А")
            self.assertEqual(listing(["А", "Б", "В"]), "А, Б і В")
            self.assertEqual(percent(0.005), f"0{NBSP}%")
        with translation.override("en"):
            self.assertEqual(listing(["A", "B"]), "A and B")
            self.assertEqual(percent(1.0), "100%")


class BetweennessTextTest(SimpleTestCase):
    def test_betweenness_is_rounded_not_cut(self) -> None:
        from django.utils.translation import override

        from hromada.web.stakeholders.models import Stakeholder
        from hromada.web.stakeholders.network import Measures

        measures = Measures(
            stakeholder=Stakeholder(name_uk="Поліція"),
            degree=2,
            betweenness=0.1239,
            component=0,
            isolate=False,
            broker=True,
            key_actor=False,
            conflicts=0,
        )
        with override("uk"):
            self.assertEqual(measures.betweenness_text, "0,124")
