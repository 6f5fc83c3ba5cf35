// Web frameworks and the places where a per-request or per-task resource ends: Flask's app-context
// teardown, Flask-SQLAlchemy's own session handling, FastAPI's yield dependencies, worker entry points.
import type { ConstructorFact, Source } from './types';

export const FLASK_TEARDOWN: Source = {
  url: 'https://flask.palletsprojects.com/en/2.2.x/appcontext/#storing-data',
  says: 'functions registered with @app.teardown_appcontext run when the application context ends, after every request, also when it raised; the documented pattern pops the value from g and closes it.',
};

export const FLASK_SQLALCHEMY_SESSION: Source = {
  url: 'https://flask-sqlalchemy.palletsprojects.com/en/3.0.x/contexts/',
  says: "the extension's db.session is a scoped session the extension removes itself when the app context ends (flask_sqlalchemy/extension.py registers _teardown_session, which calls session.remove()).",
};

export const FLASK_SQLALCHEMY_PATTERN: Source = {
  url: 'https://flask.palletsprojects.com/en/2.2.x/patterns/sqlalchemy/',
  says: 'with a scoped_session registry in a Flask app, remove the session in a @app.teardown_appcontext function: db_session.remove().',
};

export const FLASK_CONSTRUCTORS: ConstructorFact[] = [
  { names: ['flask.Flask'], produces: 'flask-app', library: 'flask' },
  { names: ['flask_sqlalchemy.SQLAlchemy', 'flask_sqlalchemy.extension.SQLAlchemy'], produces: 'flask-sqlalchemy', library: 'flask-sqlalchemy', source: FLASK_SQLALCHEMY_SESSION },
];

/** The request-scoped `g` object. */
export const FLASK_G = ['flask.g', 'flask.globals.g'];

/** Decorators (attribute name on an app or blueprint) that mark a function as running per request. */
export const FLASK_REQUEST_DECORATORS = ['route', 'get', 'post', 'put', 'patch', 'delete', 'before_request', 'after_request', 'errorhandler'];

/** Decorators that mark a function as a teardown of the request or app context. */
export const FLASK_TEARDOWN_DECORATORS = ['teardown_appcontext', 'teardown_request', 'teardown_app_request'];

/** Functions that hand a function to another thread or process to run (the worker boundary). */
export const WORKER_SPAWNERS = {
  /** `Thread(target=fn)`, `Process(target=fn)` */
  targetKeyword: ['threading.Thread', 'multiprocessing.Process', 'threading.Timer'],
  /** `executor.submit(fn, …)`, `pool.map(fn, …)`, `loop.run_in_executor(None, fn)` */
  methods: ['submit', 'map', 'apply_async', 'imap', 'imap_unordered', 'starmap'],
  /** Task queues whose decorated functions run in worker threads or processes. */
  taskDecorators: ['task', 'shared_task', 'periodic_task', 'actor'],
};

export const WORKER_REMOVE: Source = {
  url: 'https://docs.sqlalchemy.org/en/14/orm/contextual.html#thread-local-scope',
  says: 'a thread that uses a scoped_session calls remove() when its work is done, so the session (and the connection it holds) does not outlive the unit of work in that thread.',
};

/** Function names and decorators that mean "runs at shutdown or once", where a dispose() belongs. */
export const SHUTDOWN_NAMES = /^(_*(close|shutdown|dispose|teardown|tear_down|teardownclass|cleanup|clean_up|stop|exit|aexit|del|finalize|destroy|disconnect|quit|terminate|release|atexit|on_shutdown|lifespan|main|run|cli|setup|setUp|setUpClass|tearDown|tearDownClass|reset|reconnect|init|initialize|configure)_*|.*_(shutdown|teardown|cleanup|close|dispose|disconnect|exit|stop)|_*(close|shutdown|dispose|teardown|cleanup|disconnect|stop|exit|quit|terminate|destroy|release|reset)_\w*)$/i;
