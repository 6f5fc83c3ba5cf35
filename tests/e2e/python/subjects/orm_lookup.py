"""A lookup that closes before one early return, forgets to on the other, and never closes on errors."""
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import sessionmaker

from common import POOL, PG_URL, TABLE, Injected

engine = create_engine(PG_URL, future=True, **POOL)
SessionLocal = sessionmaker(bind=engine)


def lookup(n, fail):
    session = SessionLocal()
    count = session.execute(text(f"SELECT count(*) FROM {TABLE} WHERE n >= 0")).scalar_one()
    if n % 5 == 0:
        session.close()
        return "skipped"
    if n % 7 == 0:
        return "odd"
    if fail:
        raise Injected(n)
    value = session.scalars(select(text("1"))).first()
    session.close()
    return f"{count >= 0}:{value}"
