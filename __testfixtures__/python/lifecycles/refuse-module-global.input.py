# A session and a connection made when the module is loaded and shared by every handler have no unit of
# work to be scoped to: reported, never rewritten.
# expect: reported module-global-session
# expect: reported module-global-session
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("sqlite:///bot.db")
SessionFactory = sessionmaker(bind=engine)
session = SessionFactory()
conn = engine.connect()


def add_points(member_id, points):
    session.execute(UPDATE_POINTS, {"id": member_id, "points": points})
    session.commit()


def total():
    return conn.exec_driver_sql("SELECT sum(points) FROM members").scalar()
