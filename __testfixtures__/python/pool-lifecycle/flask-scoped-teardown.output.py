# A module-level scoped_session registry that the routes use and nothing removes: an
# @app.teardown_appcontext function now removes it after every request, also one that raised.
# expect: fixed fixed-teardown-remove
from flask import Flask, jsonify
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql://shop@db/shop")
db_session = scoped_session(sessionmaker(bind=engine))

app = Flask(__name__)


@app.teardown_appcontext
def remove_db_session(exception=None):
    db_session.remove()


app.config["JSON_SORT_KEYS"] = False


@app.route("/products")
def products():
    rows = db_session.query(Product).all()
    return jsonify([p.as_dict() for p in rows])
