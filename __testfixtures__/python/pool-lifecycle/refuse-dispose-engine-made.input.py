# A configuration step that makes a new engine and disposes the bound one (ckan's update_config: the dispose
# keeps forked workers from sharing the pool's sockets): which engine dispose() closes is not known, so it is
# reported, not removed. A command-line command runs once per process: its engine is not one per call, and its
# dispose() is the process's own teardown.
# expect: reported dispose-engine-made-here
import click
from sqlalchemy import create_engine, engine_from_config
from sqlalchemy.orm import scoped_session, sessionmaker

db_engine = create_engine("postgresql://localhost/app")
Session = scoped_session(sessionmaker(bind=db_engine))


def update_config(config):
    engine = engine_from_config(dict(config))
    Session.configure(bind=engine)
    Session.remove()
    db_engine.dispose()  # type: ignore


@click.command(name="rebuild-fast")
def rebuild_fast():
    engine = create_engine("postgresql://localhost/app")
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    db_engine.dispose()
