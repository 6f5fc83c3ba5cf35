# A connection parked on `g` for the request and never closed: a teardown pops it from g and closes it
# (the file's single quotes are kept in the new code).
# expect: fixed fixed-teardown-close
import sqlite3

from flask import Flask, g, render_template

app = Flask(__name__)


@app.teardown_appcontext
def close_db(exception=None):
    db = g.pop('db', None)
    if db is not None:
        db.close()


def get_db():
    if 'db' not in g:
        g.db = sqlite3.connect('app.db')
    return g.db


@app.route('/')
def index():
    posts = get_db().execute('SELECT * FROM posts').fetchall()
    return render_template('index.html', posts=posts)
