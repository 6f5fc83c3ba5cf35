# A session bound to a connection, both closed at the end: the outer connection is scoped on the first
# round and the session inside it on the second, in one run.
# expect: fixed fixed-with
# expect: fixed fixed-with
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://etl@db/etl", future=True)


def copy_batch(batch_id):
    conn = engine.connect()
    session = Session(bind=conn)
    rows = session.execute(text("SELECT * FROM staging WHERE batch = :b"), {"b": batch_id}).fetchall()
    conn.execute(text("DELETE FROM staging WHERE batch = :b"), {"b": batch_id})
    session.close()
    conn.close()
    return len(rows)
