# A session handed to the caller is the caller's to close: reported, not rewritten.
# expect: reported returned
from sqlalchemy.orm import Session

from app.db import engine


def open_session(readonly=False):
    session = Session(engine)
    if readonly:
        session.info["readonly"] = True
        return session
    session.close()
    return None
