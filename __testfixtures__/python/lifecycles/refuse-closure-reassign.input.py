# A session captured by a callback that may run after the block, a name bound to a second session
# before close(), and a global connection: all reported.
# expect: reported used-in-closure
# expect: reported reassigned
# expect: reported not-local
# expect: reported aliased
import sqlite3

from sqlalchemy.orm import Session

from app.db import engine

CONN = None


def schedule(queue):
    session = Session(engine)
    queue.put(lambda: session.execute(WORK))
    queue.join()
    session.close()


def swap():
    session = Session(engine)
    session.execute(WORK)
    session = session_for(WORK)
    session.execute(WORK)
    session.close()


def connect_global(path):
    global CONN
    CONN = sqlite3.connect(path)
    conn = sqlite3.connect(path)
    CONN = conn
    conn.close()
