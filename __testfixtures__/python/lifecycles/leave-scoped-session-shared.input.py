# The session a module-level scoped_session registry hands out is the thread's shared one: a decorator that
# commits after the function, the caller, or the next unit of work on the thread still uses it after the
# function returns, and only the registry's remove() ends it. A function that takes it and never closes it
# is left alone (closing it there would roll back the decorator's commit, or detach the caller's objects).
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://localhost/app")
Session = scoped_session(sessionmaker(bind=engine))


def db_persist(func):
    def persist(*args, **kwargs):
        session = Session()
        try:
            func(*args, **kwargs)
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()

    return persist


class Database:
    @db_persist
    def insert_or_update(self, row):
        session = Session()
        session.merge(row)

    @db_persist
    def log_error(self, error):
        session = Session()
        session.add(error)


def add_and_commit(row):
    session = Session()
    session.add(row)
    session.commit()
