# An early return hands out an ORM object while the session is still open; inside `with` the session
# would close first and the object's lazy attributes would fail to load. Reported.
# expect: reported early-exit-value
from sqlalchemy.orm import Session

from app.db import engine
from app.models import User


def find_user(email):
    session = Session(engine)
    user = session.query(User).filter_by(email=email).one_or_none()
    if user is not None and user.active:
        return user
    session.close()
    return None
