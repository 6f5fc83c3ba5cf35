# A function that makes a connection or session and returns it at once is a factory: the caller owns what it
# hands out, and nothing here is a finding. One that works on it first (here it registers the session,
# which may raise) can lose it with nobody holding it: reported.
# expect: reported returned
import psycopg2
from sqlalchemy.orm import Session


class Runner:
    def _get_connection(self):
        connection = psycopg2.connect(
            host=self.configuration.get("host"),
            dbname=self.configuration.get("dbname"),
        )

        return connection


def new_session(engine, tracker):
    session = Session(bind=engine)
    tracker.track(session)
    return session
