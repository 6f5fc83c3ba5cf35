# An engine a function makes through the module's own factory and disposes at its end is that function's own
# engine: its dispose() is its cleanup, not a shared pool thrown away per call, and stays.
from sqlalchemy import create_engine, text


def create_db_engine(url):
    return create_engine(url, pool_pre_ping=True)


def export_report(url, out):
    engine = create_db_engine(url)
    with engine.connect() as conn:
        out.write(str(conn.execute(text("select count(*) from orders")).scalar()))
    engine.dispose()
