from django.test import SimpleTestCase

from hromada.web.communities.translit import transliterate

# The examples of the resolution's own table (KMU No. 55, 27 January 2010).
OFFICIAL = {
    "Алушта": "Alushta",
    "Борщагівка": "Borshchahivka",
    "Вінниця": "Vinnytsia",
    "Гадяч": "Hadiach",
    "Згорани": "Zghorany",
    "Ґалаґан": "Galagan",
    "Донецьк": "Donetsk",
    "Рівне": "Rivne",
    "Єнакієве": "Yenakiieve",
    "Наєнко": "Naienko",
    "Житомир": "Zhytomyr",
    "Закарпаття": "Zakarpattia",
    "Медвин": "Medvyn",
    "Іршава": "Irshava",
    "Їжакевич": "Yizhakevych",
    "Кадиївка": "Kadyivka",
    "Йосипівка": "Yosypivka",
    "Стрий": "Stryi",
    "Олексій": "Oleksii",
    "Київ": "Kyiv",
    "Лебедин": "Lebedyn",
    "Миколаїв": "Mykolaiv",
    "Ніжин": "Nizhyn",
    "Одеса": "Odesa",
    "Полтава": "Poltava",
    "Ромни": "Romny",
    "Суми": "Sumy",
    "Тетерів": "Teteriv",
    "Ужгород": "Uzhhorod",
    "Фастів": "Fastiv",
    "Харків": "Kharkiv",
    "Біла Церква": "Bila Tserkva",
    "Чернівці": "Chernivtsi",
    "Шостка": "Shostka",
    "Гоща": "Hoshcha",
    "Юрій": "Yurii",
    "Крюківка": "Kriukivka",
    "Яготин": "Yahotyn",
    "Ічня": "Ichnia",
    "Розгон": "Rozghon",
    "Знам’янка": "Znamianka",
    "Феодосія": "Feodosiia",
}


class TransliterationTest(SimpleTestCase):
    def test_it_matches_the_official_examples(self) -> None:
        got = {word: transliterate(word) for word in OFFICIAL}
        self.assertEqual(got, OFFICIAL)

    def test_each_part_of_a_compound_name_starts_a_word(self) -> None:
        self.assertEqual(transliterate("Кам'янець-Подільський"), "Kamianets-Podilskyi")
        self.assertEqual(transliterate("Лозно-Олександрівська"), "Lozno-Oleksandrivska")
        self.assertEqual(transliterate("Нова Ярославка"), "Nova Yaroslavka")
