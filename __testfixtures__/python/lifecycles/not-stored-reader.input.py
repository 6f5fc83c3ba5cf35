# pandas' SQL readers never close a connection they are given ("The user is responsible for engine disposal and
# connection closure"), and these are made right in the call, kept in no name: each stays checked out until the
# garbage collector finds it. The statement moves into `with engine.connect() as conn:` and the reader gets
# conn; the frame is whole when the reader returns, so the connection closes once the statement is done. A
# name the function already uses is not taken; a query written over several lines keeps its text.
# expect: fixed fixed-not-stored
# expect: fixed fixed-not-stored
# expect: fixed fixed-not-stored
# expect: fixed fixed-not-stored
# expect: fixed fixed-not-stored
import pandas as pd
from sqlalchemy import create_engine, text

engine = create_engine("postgresql://localhost/app")


def load(query):
    return pd.read_sql(query, engine.connect())


def load_frame(query, day):
    frame = pd.read_sql_query(text(query), con=engine.connect(), params={"day": day})  # one day
    return frame


def count(table: str) -> int:
    return pd.read_sql(f"SELECT count(*) AS n FROM {table}", engine.connect())["n"][0]


def with_conn_taken(conn):
    rows = pd.read_sql("SELECT 1 AS one", engine.connect())
    return rows, conn


def sales(day):
    frame = pd.read_sql(
        """
        SELECT *
        FROM sales
        WHERE day = %(day)s
        """,
        engine.connect(),
        params={"day": day},
    )
    return frame
