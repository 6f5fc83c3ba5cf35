# The close() inside a cursor block just before the return is the last thing on its path: with the
# connection scoped to the end of the function it goes. The with header continued with a backslash keeps
# its continuation line as written (continuation lines are never re-indented).
# expect: fixed fixed-closing
import psycopg2
import psycopg2.extras
from contextlib import closing

DATABASE_URL = "postgresql://localhost/pages"


def fetch_all(query, *args):
    with closing(psycopg2.connect(DATABASE_URL)) as connection:
        with connection.cursor(cursor_factory=psycopg2.extras.DictCursor) \
            as cursor:
            cursor.execute(query, args)
            response = cursor.fetchall()
            return response
