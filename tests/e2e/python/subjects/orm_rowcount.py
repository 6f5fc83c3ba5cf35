"""A row added, then purged through a legacy Query whose count is handed back, from a session never closed."""
from sqlalchemy import Column, Integer, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

from common import POOL, PG_URL, TABLE, Injected

engine = create_engine(PG_URL, future=True, **POOL)
Session = sessionmaker(bind=engine)
Base = declarative_base()


class Row(Base):
    __tablename__ = TABLE
    n = Column(Integer, primary_key=True)


def purge(n, fail):
    session = Session()
    session.add(Row(n=n))
    session.flush()
    if fail:
        raise Injected(n)
    removed = session.query(Row).filter(Row.n == n).delete(synchronize_session=False)
    session.commit()
    return removed
