"""An order written through an ORM session that is closed on the happy path only."""
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from common import POOL, PG_URL, TABLE, Injected

engine = create_engine(PG_URL, future=True, **POOL)


def record(n, fail):
    session = Session(engine)
    session.execute(text(f"INSERT INTO {TABLE} (n) VALUES (:n)"), {"n": n})
    if fail:
        raise Injected(n)
    session.commit()
    session.close()
    return n
