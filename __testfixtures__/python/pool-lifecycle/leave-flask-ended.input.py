# Already ended after every request: the registry is removed in a teardown, g.db is closed in a teardown
# registered with a call, and Flask-SQLAlchemy's db.session is the extension's. Nothing to do.
from flask import Flask, g
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

app = Flask(__name__)
db = SQLAlchemy(app)
engine = create_engine("sqlite://")
registry = scoped_session(sessionmaker(bind=engine))


def get_conn():
    if "conn" not in g:
        g.conn = engine.connect()
    return g.conn


def close_conn(exception=None):
    conn = g.pop("conn", None)
    if conn is not None:
        conn.close()


app.teardown_appcontext(close_conn)


@app.teardown_appcontext
def shutdown_session(exception=None):
    registry.remove()


@app.route("/")
def index():
    return str(registry.query(User).count() + db.session.query(User).count())
