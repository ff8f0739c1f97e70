"""Locust users for `make loadtest` (bench/loadtest.py starts the server and runs them).

LOADTEST_URLS holds, as JSON, the URLs bench/loadtest.py found on the running site:
{"home": ["/"], "directory": [...], "event": [...], ..., "static": ["/static/…"]}.
Each request is named after its kind, so locust's statistics come per kind of page.

- VisitorUser: a visitor's mix of pages (home, directory plain and filtered, agenda, event,
  structure, search, report), with the weights below;
- StaticUser: one static file, over and over (WhiteNoise, same server);
- HomeUser: the home page, over and over.
None waits between requests: 50 users keep 50 requests in flight.
"""

import json
import os
import random

from locust import FastHttpUser, constant, task

URLS = json.loads(os.environ.get("LOADTEST_URLS", "{}"))

# How often each kind of page comes up in a visitor's mix.
MIX = {
    "home": 4,
    "directory": 3,
    "directory filtered": 3,
    "agenda": 3,
    "event": 4,
    "structure": 4,
    "search": 2,
    "report": 1,
}


def get(user, kind):
    user.client.get(random.choice(URLS[kind]), name=kind)


class VisitorUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def visit(self):
        kinds = [kind for kind in MIX if URLS.get(kind)]
        get(self, random.choices(kinds, weights=[MIX[kind] for kind in kinds])[0])


class StaticUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def static_file(self):
        get(self, "static")


class HomeUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def home(self):
        get(self, "home")
