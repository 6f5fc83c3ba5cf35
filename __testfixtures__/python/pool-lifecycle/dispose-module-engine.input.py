# A module-level engine disposed at the end of every request handler and in a teardown hook: both go (the
# engine lives for the process); the shutdown function's dispose stays and is named in the finding.
# expect: fixed fixed-dispose-removed
# expect: fixed fixed-dispose-removed
import atexit

from flask import Flask, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("postgresql://web@db/web")


@app.route("/health")
def health():
    with engine.connect() as conn:
        ok = conn.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
    return jsonify(ok=ok)


@app.teardown_request
def after_each(exc):
    engine.dispose()


@atexit.register
def shutdown():
    engine.dispose()
