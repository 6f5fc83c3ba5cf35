# No change: a class with a foreign base (which may define __enter__ itself), a class whose only instance
# is module-level (no caller could use `with`), a class that already is a context manager and whose
# callers use it.
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from framework import Service

engine = create_engine("sqlite://")


class Plugin(Service):
    def __init__(self):
        self.session = Session(engine)

    def close(self):
        self.session.close()


class Worker:
    def __init__(self):
        self.session = Session(engine)

    def close(self):
        self.session.close()


WORKER = Worker()


class Unit:
    def __init__(self):
        self.session = Session(engine)

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def use():
    with Unit() as unit:
        unit.session.execute(PING)


def plugin_work():
    p = Plugin()
    p.session.execute(PING)
    p.close()
