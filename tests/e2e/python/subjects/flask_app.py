"""A Flask app: a scoped_session registry its routes use and nothing removes, and a session parked on g
that nothing closes."""
from flask import Flask, g
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from common import POOL, PG_URL, TABLE

engine = create_engine(PG_URL, future=True, **POOL)
SessionLocal = sessionmaker(bind=engine)
db_session = scoped_session(SessionLocal)

app = Flask(__name__)


def get_session():
    if "session" not in g:
        g.session = SessionLocal()
    return g.session


@app.route("/add/<int:n>")
def add(n):
    db_session.execute(text(f"SELECT count(*) FROM {TABLE}"))
    if n % 3 == 0:
        raise RuntimeError("injected")
    db_session.execute(text(f"INSERT INTO {TABLE} (n) VALUES (:n)"), {"n": n})
    db_session.commit()
    return str(n)


@app.route("/count")
def count():
    return str(get_session().execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one())
