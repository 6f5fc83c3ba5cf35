# dispose() on some paths only, and on an engine the caller passes in: reported, not removed; an engine and
# a scoped_session registry made on every call are reported too.
# expect: reported dispose-conditional
# expect: reported dispose-engine-param
# expect: reported engine-per-call
# expect: reported scoped-session-per-call
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("sqlite:///app.db")


def fetch(flag):
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT 1").fetchall()
    if flag:
        engine.dispose()
    return rows


def execute(eng: Engine, sql):
    with eng.connect() as conn:
        conn.exec_driver_sql(sql)
    eng.dispose()


def count_rows(url, table):
    local = create_engine(url)
    with local.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def get_session():
    return scoped_session(sessionmaker(bind=engine))()
