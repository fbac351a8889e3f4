from tests.web.base import HromadaTestCase


class SmokeTest(HromadaTestCase):
    def test_it_serves_the_pages(self) -> None:
        self.login(self.facilitator)
        for url in (
            "/",
            "/communities/",
            f"/communities/{self.community.katotth}/",
            f"/communities/{self.community.katotth}/stakeholders/",
            "/en/",
            "/account/",
            "/audit/",
            "/api/v1/me",
            "/api/v1/communities",
            "/api/v1/docs",
            "/api/v1/openapi.json",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
