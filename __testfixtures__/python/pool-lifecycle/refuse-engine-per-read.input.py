# An engine made on every call and handed only to a pandas reader that builds the whole frame: what the
# function returns is the frame, not the engine, so it is still an engine (and a pool) per call that nothing
# disposes. Reported, kept in a name or not. Left alone: an engine inside what the function hands back (a
# session factory bound to it, a reader's iterator over chunks that still reads from it).
# expect: reported engine-per-call
# expect: reported engine-per-call
import pandas as pd
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker


class Reader:
    def __init__(self, url):
        self.url = url

    def frame(self, sql):
        con = create_engine(url=self.url)
        return pd.read_sql(sql=sql, con=con)


def read_inline(sql, url):
    return pd.read_sql(sql, create_engine(url))


def session_factory(url):
    engine = create_engine(url)
    return sessionmaker(bind=engine)


def chunks(sql, url):
    return pd.read_sql(sql, create_engine(url), chunksize=100)
