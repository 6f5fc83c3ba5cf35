# The returned objects have a relationship that loads lazily: once the session closed, reading it would
# fail (DetachedInstanceError). And a commit before the return expires what was loaded. Both reported.
# expect: reported early-exit-value
# expect: reported early-exit-value
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

Base = declarative_base()
engine = create_engine("sqlite:///teams.db")
Session = sessionmaker(bind=engine)


class Team(Base):
    __tablename__ = "teams"
    id = Column(Integer, primary_key=True)
    players = relationship("Player")


class Player(Base):
    __tablename__ = "players"
    id = Column(Integer, primary_key=True)
    team_id = Column(Integer, ForeignKey("teams.id"))
    name = Column(String)


def teams():
    session = Session()
    return session.query(Team).all()


def rename(player_id, name):
    session = Session()
    player = session.get(Player, player_id)
    player.name = name
    session.commit()
    return player
