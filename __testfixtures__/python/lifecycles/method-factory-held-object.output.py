# A method of a project class that makes a new session on every call is a factory, as a module-level one is:
# a class that keeps an instance in a field (self.store = Store(url), assigned nowhere else) owns the
# session self.store.new_session() gives it. One that adds and commits closes it on every path; one that
# hands out the ORM objects it loaded is reported (closing would detach them).
# expect: fixed fixed-never-closed
# expect: reported early-exit-value
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from .models import Entry


class Store:
    def __init__(self, url):
        self.engine = create_engine(url)

    def new_session(self):
        return Session(self.engine)


class Journal:
    def __init__(self, url):
        self.store = Store(url)

    def add(self, text):
        with self.store.new_session() as session:
            session.add(Entry(text=text))
            session.commit()
            return True

    def entries(self):
        session = self.store.new_session()
        rows = session.scalars(select(Entry)).all()
        return rows
