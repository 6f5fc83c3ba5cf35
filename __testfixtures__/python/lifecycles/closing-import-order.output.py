# The contextlib import a closing() rewrite needs goes where isort and ruff put it: in the block of
# standard-library imports, plain imports first and then the `from` imports, each in module order (here
# before `from unittest import TestCase`), not after the project's own imports.
# expect: fixed fixed-closing
import datetime
import sqlite3
from contextlib import closing
from unittest import TestCase

import pytest

from app.reports import load_rows


class TestReports(TestCase):
    def test_rows(self):
        with closing(sqlite3.connect(":memory:")) as conn:
            conn.execute("create table t (d)")
            conn.execute("insert into t values (?)", (datetime.date.today(),))
            self.assertEqual(len(load_rows(conn)), 1)


@pytest.fixture
def today():
    return datetime.date.today()
