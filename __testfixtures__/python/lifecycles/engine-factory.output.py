# An engine made by a function of the module (`def create_db_engine(): return create_engine(...)`) is an
# engine like one made by create_engine() itself: a connection taken from it and never closed gets its block.
# expect: fixed fixed-never-closed
from sqlalchemy import create_engine, text


def create_db_engine(url, **kwargs):
    return create_engine(url, pool_pre_ping=True, **kwargs)


engine = create_db_engine("postgresql://app@db/app")


def schema_names():
    with engine.connect() as conn:
        rows = conn.execute(text("select schema_name from information_schema.schemata")).fetchall()
        return [r[0] for r in rows]
