import { describe, expect, it } from 'vitest';
import { planPythonProject } from '../../src/python';
import { pyLifecycles } from '../../src/python/transforms/lifecycles';
import { sqlalchemy14FromDependencies } from '../../src/python/project/versions';

const db = [
  'from sqlalchemy import create_engine',
  'from sqlalchemy.orm import sessionmaker',
  '',
  'engine = create_engine("postgresql://app@db/app")',
  'SessionLocal = sessionmaker(bind=engine)',
  '',
  '',
  'def new_connection():',
  '    return engine.connect()',
  '',
].join('\n');

const service = [
  'from app.db import SessionLocal',
  'from . import db',
  '',
  '',
  'def count(model):',
  '    session = SessionLocal()',
  '    total = session.query(model).count()',
  '    session.close()',
  '    return total',
  '',
  '',
  'def ping():',
  '    conn = db.new_connection()',
  '    conn.exec_driver_sql("SELECT 1")',
  '    conn.close()',
  '',
].join('\n');

function run(extra: { path: string; text: string }[]) {
  const files = [{ path: '/p/app/db.py', text: db }, { path: '/p/app/service.py', text: service }, ...extra];
  const facts = planPythonProject(files);
  return pyLifecycles.apply(service, '/p/app/service.py', { facts: { python: facts.get('/p/app/service.py') } });
}

describe('the Python project pass', () => {
  it('knows a session factory and a connection factory another module defines', () => {
    const out = run([{ path: '/p/requirements.txt', text: 'flask==2.2\nSQLAlchemy==2.0.30\n' }]);
    expect(out.findings.map((f) => `${f.line} ${f.reasonId}`)).toEqual(['6 fixed-with', '13 fixed-with']);
    expect(out.source).toContain('    with SessionLocal() as session:\n        total = session.query(model).count()\n    return total');
    expect(out.source).toContain('    with db.new_connection() as conn:\n        conn.exec_driver_sql("SELECT 1")\n');
  });

  it('scopes sessions with try/finally when the project pins SQLAlchemy before 1.4', () => {
    const out = run([{ path: '/p/requirements.txt', text: 'SQLAlchemy==1.3.24\n' }]);
    expect(out.findings.map((f) => `${f.reasonId} ${f.style}`)).toEqual(['fixed-try-finally try-finally', 'fixed-with with-session']);
    expect(out.source).toContain('    session = SessionLocal()\n    try:\n        total = session.query(model).count()\n    finally:\n        session.close()\n');
  });

  it('alone, takes an imported SessionLocal for a session factory by its name, with try/finally only', () => {
    const alone = pyLifecycles.apply(service, '/p/app/service.py', {});
    expect(alone.findings.map((f) => `${f.line} ${f.reasonId}`)).toEqual(['6 fixed-try-finally']);
    expect(alone.findings[0].reason).toMatch(/taken for a session factory by its name/);
  });

  it('never guesses a name whose module the project pass could read', () => {
    const other = 'def SessionLocal():\n    return {"user": None}\n';
    const files = [{ path: '/p/app/db.py', text: other }, { path: '/p/app/service.py', text: service }];
    const facts = planPythonProject(files);
    const out = pyLifecycles.apply(service, '/p/app/service.py', { facts: { python: facts.get('/p/app/service.py') } });
    expect(out).toEqual({ source: null, findings: [] });
  });

  it('follows a package that re-exports a factory, and gives no file a module that holds nothing read', () => {
    // A package's __init__ gathers its modules (a hub every file imports); only what holds a value counts.
    const files = [
      { path: '/p/app/db.py', text: db },
      { path: '/p/app/util.py', text: 'def double(x):\n    return 2 * x\n' },
      { path: '/p/app/__init__.py', text: 'from . import util\nfrom .util import double\n' },
      { path: '/p/app/plain.py', text: 'import app\n\n\ndef run():\n    return app.double(2)\n' },
      { path: '/p/app/hub.py', text: 'from .db import SessionLocal\nfrom . import util\n' },
      { path: '/p/app/user.py', text: 'from app.hub import SessionLocal\nimport app\n' },
    ];
    const facts = planPythonProject(files);
    expect(facts.get('/p/app/plain.py')!.mentions).toEqual([]);
    expect([...facts.get('/p/app/plain.py')!.externals.keys()]).toEqual([]);
    expect(facts.get('/p/app/user.py')!.externals.get('SessionLocal')?.kind).toBe('session-factory');
    expect(facts.get('/p/app/user.py')!.mentions).toEqual(['SessionLocal']);
  });

  it("reads a library's maker imported through a project module as the library's own", () => {
    // dispatch's shape: `from .core import sessionmaker`, core having imported it from sqlalchemy.orm.
    const core = 'from sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\n\nengine = create_engine("sqlite://")\n';
    const manage = [
      'from .core import sessionmaker, engine',
      '',
      'Session = sessionmaker(bind=engine)',
      '',
      '',
      'def init_database(engine):',
      '    session = sessionmaker(bind=engine)',
      '    db_session = session()',
      '    db_session.execute("SELECT 1")',
      '    db_session.commit()',
      '',
    ].join('\n');
    const user = 'from app.manage import Session\n\n\ndef count():\n    s = Session()\n    n = s.execute("SELECT 1").scalar()\n    s.close()\n    return n\n';
    const files = [
      { path: '/p/app/__init__.py', text: '' },
      { path: '/p/app/core.py', text: core },
      { path: '/p/app/manage.py', text: manage },
      { path: '/p/app/user.py', text: user },
      { path: '/p/requirements.txt', text: 'SQLAlchemy==2.0.30\n' },
    ];
    const facts = planPythonProject(files);
    const fixed = pyLifecycles.apply(manage, '/p/app/manage.py', { facts: { python: facts.get('/p/app/manage.py') } });
    expect(fixed.findings.map((f) => `${f.line} ${f.reasonId}`)).toEqual(['8 fixed-never-closed']);
    expect(fixed.source).toContain('    with session() as db_session, db_session.begin():\n        db_session.execute("SELECT 1")\n');
    // A factory made with it is a session factory to the modules that import it.
    expect(facts.get('/p/app/user.py')!.externals.get('Session')?.kind).toBe('session-factory');
    const counted = pyLifecycles.apply(user, '/p/app/user.py', { facts: { python: facts.get('/p/app/user.py') } });
    expect(counted.findings.map((f) => `${f.line} ${f.reasonId}`)).toEqual(['5 fixed-with']);
    // Not a module that makes its own `sessionmaker`, nor one that imports it inside a function only.
    for (const other of [
      'from sqlalchemy.orm import sessionmaker as _sm\n\n\ndef sessionmaker(**kw):\n    return _sm(**kw)\n',
      'def make():\n    from sqlalchemy.orm import sessionmaker\n    return sessionmaker\n',
    ]) {
      const again = planPythonProject(files.map((f) => (f.path === '/p/app/core.py' ? { ...f, text: `${other}engine = None\n` } : f)));
      expect(again.get('/p/app/manage.py')!.externals.get('sessionmaker')?.libraryName).toBeUndefined();
      expect(pyLifecycles.apply(manage, '/p/app/manage.py', { facts: { python: again.get('/p/app/manage.py') } }).findings).toEqual([]);
    }
  });

  it('reads SQLAlchemy pins from dependency files', () => {
    const v = (path: string, text: string) => sqlalchemy14FromDependencies([{ path, text }]);
    expect(v('requirements.txt', 'SQLAlchemy==1.0.12\n')).toBe('no');
    expect(v('requirements.txt', 'sqlalchemy>=1.3,<1.4\n')).toBe('no');
    expect(v('requirements.txt', 'sqlalchemy>=1.3\n')).toBe('yes');
    expect(v('requirements.txt', 'Flask-SQLAlchemy==2.5\nsqlalchemy-utils==0.1\n')).toBe('unknown');
    expect(v('requirements.txt', 'Flask-SQLAlchemy>=3.0\n')).toBe('yes');
    expect(v('pyproject.toml', '[tool.poetry.dependencies]\nSQLAlchemy = "^2.0"\n')).toBe('yes');
    expect(v('setup.py', "install_requires=['SQLAlchemy==1.3.5', 'flask']\n")).toBe('no');
    expect(v('Pipfile', 'sqlalchemy = "*"\n')).toBe('yes');
    expect(v('README.md', 'SQLAlchemy==1.0\n')).toBe('unknown');
  });
});

describe('Flask teardowns across files', () => {
  const dbFile = ['from sqlalchemy import create_engine', 'from sqlalchemy.orm import scoped_session, sessionmaker', '', 'session = scoped_session(sessionmaker(bind=create_engine("sqlite://")))', ''].join('\n');
  const resources = ['from flask_restful import Resource', 'from db import session', '', '', 'class Todos(Resource):', '    def get(self):', '        return [t.title for t in session.query(Todo)]', ''].join('\n');
  const appFile = ['from flask import Flask', 'from flask_restful import Api', '', 'app = Flask(__name__)', 'api = Api(app)', '', 'from resources import Todos', '', 'api.add_resource(Todos, "/todos")', ''].join('\n');
  const files = [
    { path: '/p/db.py', text: dbFile },
    { path: '/p/resources.py', text: resources },
    { path: '/p/app.py', text: appFile },
  ];

  it('adds the teardown to the module that makes the app, importing the registry inside it', async () => {
    const { pyPoolLifecycle } = await import('../../src/python/transforms/pool');
    const facts = planPythonProject(files);
    const out = pyPoolLifecycle.apply(appFile, '/p/app.py', { facts: { python: facts.get('/p/app.py') } });
    expect(out.findings.map((f) => `${f.line} ${f.outcome} ${f.reasonId}`)).toEqual(['4 fixed fixed-teardown-remove']);
    expect(out.source).toBe(appFile.replace('app = Flask(__name__)\n', 'app = Flask(__name__)\n\n\n@app.teardown_appcontext\ndef remove_session(exception=None):\n    from db import session\n    session.remove()\n\n\n'));
    for (const f of ['/p/db.py', '/p/resources.py']) expect(pyPoolLifecycle.apply(files.find((x) => x.path === f)!.text, f, { facts: { python: facts.get(f) } })).toEqual({ source: null, findings: [] });
    // The output, planned again, needs nothing more.
    const again = planPythonProject(files.map((f) => (f.path === '/p/app.py' ? { ...f, text: out.source! } : f)));
    expect(pyPoolLifecycle.apply(out.source!, '/p/app.py', { facts: { python: again.get('/p/app.py') } }).source).toBeNull();
  });

  it('reports the registry where it is made when no module makes an app', async () => {
    const { pyPoolLifecycle } = await import('../../src/python/transforms/pool');
    const facts = planPythonProject(files.filter((f) => f.path !== '/p/app.py'));
    const out = pyPoolLifecycle.apply(dbFile, '/p/db.py', { facts: { python: facts.get('/p/db.py') } });
    expect(out.source).toBeNull();
    expect(out.findings.map((f) => `${f.line} ${f.reasonId}`)).toEqual(['4 teardown-no-app']);
    expect(out.findings[0].reason).toMatch(/request handlers use \(get\(\)\)/);
  });

  it('says nothing of a registry removed through a module attribute, nor when an app may be made through a subclass of Flask', async () => {
    const { pyPoolLifecycle } = await import('../../src/python/transforms/pool');
    const without = files.filter((f) => f.path !== '/p/app.py');
    const silent = (extra: { path: string; text: string }) => {
      const facts = planPythonProject([...without, extra]);
      return pyPoolLifecycle.apply(dbFile, '/p/db.py', { facts: { python: facts.get('/p/db.py') } }).findings;
    };
    // ckan: `import ckan.model as model` … `model.Session.remove()` after each request.
    expect(silent({ path: '/p/hooks.py', text: 'import db as model\n\n\ndef after_request(response):\n    model.session.remove()\n    return response\n' })).toEqual([]);
    // ckan: `class CKANFlask(MultiStaticFlask)`, instantiated in an app factory's module.
    expect(silent({ path: '/p/flask_app.py', text: 'from flask_multistatic import MultiStaticFlask\n\n\nclass CKANFlask(MultiStaticFlask):\n    pass\n' })).toEqual([]);
    // A list's remove(x) is no registry's.
    expect(silent({ path: '/p/other.py', text: 'def drop(items, session):\n    items.session.remove(session)\n' }).map((f) => f.reasonId)).toEqual(['teardown-no-app']);
  });
});

describe('objects of project classes across files', () => {
  const storage = [
    'from discord.ext import commands',
    'from sqlalchemy import create_engine',
    'from sqlalchemy.orm import sessionmaker',
    '',
    '',
    'class Storage(commands.Cog):',
    '    def __init__(self, bot):',
    '        self.engine = create_engine(bot.db_url)',
    '',
    '    def gen_session(self):',
    '        return sessionmaker(bind=self.engine)()',
    '',
  ].join('\n');
  const store = ['from sqlalchemy import create_engine', '', '', 'class Store:', '    def __init__(self):', '        self.engine = create_engine("sqlite://")', '', '    def connect(self):', '        return self.engine.connect()', ''].join('\n');
  const notes = [
    'from discord.ext import commands',
    'from app.store import Store',
    '',
    '',
    'class Notes(commands.Cog):',
    '    def __init__(self, bot):',
    "        self.storage = bot.get_cog('Storage')",
    '        self.store = Store()',
    '',
    '    def save(self, note):',
    '        ses = self.storage.gen_session()',
    '        ses.add(note)',
    '        ses.commit()',
    '',
    '    def ping(self):',
    '        conn = self.store.connect()',
    '        conn.exec_driver_sql("SELECT 1")',
    '',
  ].join('\n');
  const run = (extra: { path: string; text: string }[] = []) => {
    const files = [{ path: '/p/app/storage.py', text: storage }, { path: '/p/app/store.py', text: store }, { path: '/p/app/notes.py', text: notes }, ...extra];
    const facts = planPythonProject(files);
    return pyLifecycles.apply(notes, '/p/app/notes.py', { facts: { python: facts.get('/p/app/notes.py') } });
  };

  it("knows what a cog another module defines makes, through bot.get_cog('Name'), and an imported class's factory method", () => {
    const out = run();
    expect(out.findings.map((f) => `${f.line} ${f.reasonId}`)).toEqual(['11 fixed-never-closed', '16 fixed-never-closed']);
    expect(out.source).toContain('        ses = self.storage.gen_session()\n        try:\n            ses.add(note)\n            ses.commit()\n        finally:\n            ses.close()\n');
    expect(out.source).toContain('        with self.store.connect() as conn:\n            conn.exec_driver_sql("SELECT 1")\n');
  });

  it('stays unknown when two classes of the run could be the cog, or the project defines its own get_cog', () => {
    const save = (extra: { path: string; text: string }) => run([extra]).findings.map((f) => `${f.line} ${f.reasonId}`);
    expect(save({ path: '/p/app/legacy.py', text: 'from discord.ext import commands\n\n\nclass OldStorage(commands.Cog, name="Storage"):\n    pass\n' })).toEqual(['16 fixed-never-closed']);
    expect(save({ path: '/p/tests/fakes.py', text: 'class Storage:\n    pass\n' })).toEqual(['16 fixed-never-closed']);
    expect(save({ path: '/p/app/bot.py', text: 'from discord.ext import commands\n\n\nclass Bot(commands.Bot):\n    def get_cog(self, name):\n        return super().get_cog(name.title())\n' })).toEqual(['16 fixed-never-closed']);
    expect(save({ path: '/p/app/named.py', text: 'from discord.ext import commands\n\nNAME = "Misc"\n\n\nclass Misc(commands.Cog, name=NAME):\n    pass\n' })).toEqual(['16 fixed-never-closed']);
  });
});
