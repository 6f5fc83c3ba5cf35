# dispose() where it belongs is left alone: shutdown and close functions, an except handler resetting the
# pool after a lost connection, a child process after a fork (dispose(close=False)), a migration that makes
# and disposes its own engine.
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

engine = create_engine("postgresql://app@db/app")


def close():
    engine.dispose()


def query(sql):
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(sql).fetchall()
    except OperationalError:
        engine.dispose()
        raise


def after_fork():
    engine.dispose(close=False)


def migrate(url):
    eng = create_engine(url)
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql("SELECT 1")
    finally:
        eng.dispose()
