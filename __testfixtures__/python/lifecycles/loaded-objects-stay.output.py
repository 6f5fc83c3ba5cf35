# What the work does with objects the session loaded stays with the session: appended to a container the
# function made itself (`defaultdict(list)`), assigned to another loaded object's attribute, or passed by
# keyword to a function of an imported module (`user_service.update(db_session=…)`). None of it is handed
# out, so the session can close at the end (Netflix Dispatch's migrations and CLI). A `sessionmaker` imported
# from a module the run cannot see makes a factory, not a session.
# expect: fixed fixed-never-closed
# expect: fixed fixed-try-finally
# expect: fixed fixed-try-finally
from collections import defaultdict

from sqlalchemy.orm import Session

from app.auth import service as user_service
from app.database.core import engine, sessionmaker
from app.models import Incident, IncidentType, Role


def migrate(bind):
    session = Session(bind=bind)
    try:
        roles = defaultdict(list)
        for i_type in session.query(IncidentType).all():
            roles[i_type.project_id].append(i_type)
        for incident in session.query(Incident).all():
            incident.kind = roles[incident.project_id][0]
        for project_id, types in roles.items():
            session.add(Role(project_id=project_id, incident_types=types))
        session.commit()
    finally:
        session.close()


def update_user(email, role):
    db_session = sessionmaker(bind=engine)()
    try:
        user = user_service.get_by_email(email=email, db_session=db_session)
        user_service.update(user=user, role=role, db_session=db_session)
    finally:
        db_session.close()


def count_incidents():
    factory = sessionmaker(bind=engine)
    session = factory()
    try:
        n = session.query(Incident).count()
    finally:
        session.close()
    return n
