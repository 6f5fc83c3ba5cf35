# Not this code's to close: Flask-SQLAlchemy's db.session (the extension removes it), a session passed in
# by the caller, a module-level connection that lives for the process, an unknown object's close().
import sqlite3

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Session

db = SQLAlchemy()
CACHE = sqlite3.connect(":memory:")


def save(user):
    db.session.add(user)
    db.session.commit()


def load(session: Session, user_id):
    user = session.get(User, user_id)
    session.close()
    return user


def read_file(path):
    handle = opener(path)
    data = handle.read()
    handle.close()
    return data
