# The session is used again after close() (which opens a new transaction on it), and a connection is
# closed in the middle of its work: neither maps onto one `with` block.
# expect: reported used-after-close
# expect: reported closed-early
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://app@db/app")


def refresh(obj_id):
    session = Session(engine)
    obj = session.get(Thing, obj_id)
    session.close()
    session.add(obj)
    return obj


def two_steps(retry):
    conn = engine.connect()
    conn.execute(text("SELECT 1"))
    if retry:
        conn.close()
        log("closed")
    conn.execute(text("SELECT 2"))
    conn.close()
