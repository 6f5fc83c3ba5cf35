# A registry made per call is wasteful, but one removed in a finally lets its session go on every path:
# nothing leaks, nothing to report. One removed outside a finally is reported as what it is: removed only
# on the paths that reach remove() (Netflix Dispatch's task decorator has the first shape).
# expect: reported scoped-session-per-call
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://app@db/app")


def run_task(task):
    Registry = scoped_session(sessionmaker(bind=engine))
    session = Registry()
    try:
        task(session)
        session.commit()
    finally:
        session.close()
        Registry.remove()


def run_unguarded(task):
    Registry = scoped_session(sessionmaker(bind=engine))
    task(Registry())
    Registry.remove()
