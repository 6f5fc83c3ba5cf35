# A FastAPI dependency closes its session only in a bare except (which swallows the error): the session
# factory comes from a module this file alone cannot see, so it is known by its name (SessionLocal) and
# scoped with try/finally only — the finally joins the existing try, the except stays as it is.
# expect: fixed fixed-try-finally
from .database import SessionLocal


def get_db():
    db = SessionLocal()
    try:
        yield db
    except:
        db.close()
