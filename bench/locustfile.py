"""Locust flows for `make load` (bench/load.py starts the server and passes the ids via env).

Flows: a coordinator and a focal point log in (no second factor for these roles), open the plan,
sub-item pages and reports, search; an API client lists items and reports with a bearer token.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

DATA = json.loads(os.environ.get("CTIP_LOAD_DATA", "{}"))
ITEMS = DATA.get("items") or [1]
REPORTS = DATA.get("reports") or [1]
TOKEN = DATA.get("token", "")
PASSWORD = DATA.get("password", "ctip-demo-2026")
QUERIES = ["təlim", "miqrant", "qaynar xətt", "2022", "maarifləndirmə", "' OR 1=1 --"]


class _Browser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    username = ""

    def on_start(self):
        page = self.client.get("/accounts/login/", name="login page")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        with self.client.post(
            "/accounts/login/",
            name="log in",
            catch_response=True,
            allow_redirects=False,
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": match.group(1) if match else "",
            },
            headers={"Referer": self.host + "/accounts/login/"},
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")

    @task(3)
    def plan(self):
        self.client.get("/plan/", name="plan overview")

    @task(5)
    def item(self):
        self.client.get(f"/plan/items/{random.choice(ITEMS)}/", name="sub-item page")

    @task(3)
    def report(self):
        self.client.get(f"/plan/reports/{random.choice(REPORTS)}/", name="report page")

    @task(2)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(QUERIES)}, name="search")


class Coordinator(_Browser):
    weight = 2
    username = "koordinator"


class FocalPoint(_Browser):
    weight = 2
    username = "dmx_fokal"

    @task(1)
    def records(self):
        self.client.get("/records/", name="records")


class ApiClient(HttpUser):
    weight = 1
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {TOKEN}"

    @task(3)
    def items(self):
        self.client.get("/api/v1/plan-items/", params={"limit": 50}, name="api plan-items")

    @task(3)
    def reports(self):
        self.client.get("/api/v1/item-reports/", params={"limit": 50}, name="api item-reports")

    @task(1)
    def search(self):
        self.client.get("/api/v1/search/", params={"q": random.choice(QUERIES)}, name="api search")
