# A session or connection made and used in one expression is never kept in a name, so nothing closes it: its
# connection goes back to the pool only when the garbage collector finds it. Reported (there is no name to
# put in a `with`). Left alone: a chain a `with` manages, one that hands the connection itself back
# (`execution_options()` returns it, for the caller to close), one that closes it at once, and a scoped
# registry's session (the thread's shared one, which its teardown removes).
# expect: reported never-closed
# expect: reported never-closed
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://localhost/app")
SessionLocal = sessionmaker(bind=engine)
Scoped = scoped_session(SessionLocal)


def get_user(user_id):
    return SessionLocal().query(dict).filter_by(id=user_id).first()


def count_users():
    return engine.connect().execute(text("SELECT count(*) FROM users")).scalar()


def vacuum():
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM"))


def streaming_connection():
    return engine.connect().execution_options(stream_results=True)


def ping():
    engine.connect().close()


def find_shared(user_id):
    return Scoped().query(dict).filter_by(id=user_id).first()
