# A PyMySQL connection closed before a `raise` and at the end: both close() calls go, because closing()
# closes on every path and PyMySQL's close() raises when called twice.
# expect: fixed fixed-closing
import pymysql
from contextlib import closing


class NotFound(Exception):
    pass


def load_user(user_id, **settings):
    with closing(pymysql.connect(**settings)) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT id, email FROM users WHERE id = %s", (user_id,))
            row = cur.fetchone()
        if row is None:
            raise NotFound(user_id)
    return {"id": row[0], "email": row[1]}
