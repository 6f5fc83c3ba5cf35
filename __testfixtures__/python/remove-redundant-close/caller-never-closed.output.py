# A caller that never closes a repository the class makes closable: its `with` says that it was never closed,
# not that it was closed only on the happy path.
# expect: fixed fixed-caller-never-closed
# expect: fixed fixed-context-manager
from sqlalchemy.orm import Session

from app.db import engine


class Repository:
    def __init__(self):
        self.session = Session(engine)

    def count(self, model):
        return self.session.scalar(model.count_query())

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()


def report(model, out):
    with Repository() as repo:
        out.write(str(repo.count(model)))
