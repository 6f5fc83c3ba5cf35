"""A value read with pandas from a connection made right in the call to read_sql() and kept in no name."""
import pandas as pd
from sqlalchemy import create_engine, text

from common import POOL, PG_URL, TABLE

engine = create_engine(PG_URL, **POOL)


def read_value(n, fail):
    query = text(f"SELECT missing FROM {TABLE}" if fail else "SELECT CAST(:n AS integer) AS n")
    return int(pd.read_sql(query, engine.connect(), params={"n": n})["n"][0])
