# A Flask-SQLAlchemy teardown that removes the session (right) and then disposes the app-wide engine after
# every request (wrong): the dispose goes, the remove stays.
# expect: fixed fixed-dispose-removed
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def init_app(app):
    db.init_app(app)
    app.teardown_request(close_request)


def close_request(exception):
    db.session.remove()
