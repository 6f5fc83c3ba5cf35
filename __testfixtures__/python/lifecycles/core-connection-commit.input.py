# A 2.0-style Core connection whose work ends in conn.commit() becomes `with engine.begin() as conn:`,
# which commits at the same point and rolls back when the work raises.
# expect: fixed fixed-with-begin
from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg2://jobs@queue/jobs", future=True)


def enqueue(kind, payload):
    conn = engine.connect()
    conn.execute(text("INSERT INTO jobs (kind, payload) VALUES (:k, :p)"), {"k": kind, "p": payload})
    conn.execute(text("NOTIFY jobs"))
    conn.commit()
    conn.close()
