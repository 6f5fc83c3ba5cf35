# A session stored on an object outlives the function; a session also held by a second name is not
# scoped either.
# expect: reported stored
# expect: reported aliased
from sqlalchemy.orm import Session

from app.db import engine


class Importer:
    def start(self):
        session = Session(engine)
        self.session = session
        self.session.begin()
        session.close()

    def copy(self):
        session = Session(engine)
        current = session
        current.execute(STATEMENT)
        session.close()
