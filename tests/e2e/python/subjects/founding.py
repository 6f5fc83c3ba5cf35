"""The founding example: a data-access object with its own engine, a per-query dispose() and a close()
its caller forgets when the work fails."""
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from common import POOL, PG_URL, TABLE, Injected


class Database:
    def __init__(self, url):
        self.engine = create_engine(url, future=True, **POOL)
        self.session = scoped_session(sessionmaker(bind=self.engine, autoflush=True))()

    def query_all(self, limit=500):
        rows = [dict(r._mapping) for r in self.session.execute(text(f"SELECT n FROM {TABLE} ORDER BY n LIMIT :l"), {"l": limit})]
        self.session.get_bind().dispose()
        return rows

    def close(self):
        if self.session is not None:
            self.session.close()


def count_rows(n, fail):
    db = Database(PG_URL)
    rows = db.query_all()
    if fail:
        raise Injected(n)
    db.close()
    return len(rows) >= 0
