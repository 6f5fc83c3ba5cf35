# An engine a function makes is not a per-call engine when what is built from it outlives the call: a
# sessionmaker kept in a global, or a local sessionmaker wrapped in a registry stored on a module. A setup
# function's throwaway engine (tables made once) is not one either. One a request handler makes and drops is
# still reported, and so is one whose factory only makes the session an object keeps (a DAO per request).
# expect: reported engine-per-call
# expect: reported engine-per-call
import types

from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from app.models import Base

registry = types.SimpleNamespace(Session=None)
_factory = None


def open_database(url):
    global _factory
    if _factory:
        return
    engine = create_engine(url)
    _factory = sessionmaker(bind=engine)


def use_database(url):
    engine = create_engine(url)
    Session = sessionmaker(engine)
    registry.Session = scoped_session(Session)


def setup_tables(url):
    engine = create_engine(url)
    Base.metadata.create_all(engine)


def handler(url):
    engine = create_engine(url)
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).scalar()


class Dao:
    def __init__(self, url):
        engine = create_engine(url)
        Session = sessionmaker(bind=engine)
        self.session = Session()
