// Python through the CLI: the same run, diffs, findings, --json and --write as JavaScript, one frontend per
// file by its extension, with the Python project pass feeding its transforms.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, hashTree, LEAKY, makeProject, read, runCli } from './helpers';
import { validate } from './schema';

afterAll(cleanup);

const LEAKY_PY = `from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("postgresql://postgres@127.0.0.1/test")


def count_users():
    session = Session(engine)
    n = session.execute(text("SELECT count(*) FROM users")).scalar()
    session.close()
    return n
`;

describe('Python files in a run', () => {
  it('are read by the Python frontend: a diff, a fix with its reason, the JSON schema, and --write', () => {
    const project = makeProject({ 'src/user.ts': LEAKY, 'app/db.py': LEAKY_PY, 'app/requirements.txt': 'SQLAlchemy==1.4.46\n' });
    const before = hashTree(project);
    const dry = runCli(['--no-color'], project);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('--- a/app/db.py\n+++ b/app/db.py\n');
    // The pinned SQLAlchemy 1.4 (read by the project pass) allows the Session context manager.
    expect(dry.stdout).toContain('+    with Session(engine) as session:');
    expect(dry.stdout).toContain('--- a/src/user.ts');
    expect(hashTree(project)).toEqual(before);

    const doc = JSON.parse(runCli(['--json'], project).stdout);
    expect(validate(doc)).toEqual([]);
    const py = doc.files.find((f: { path: string }) => f.path === 'app/db.py');
    expect(py.findings).toEqual([expect.objectContaining({ transform: 'lifecycles', library: 'sqlalchemy', outcome: 'fixed', style: 'with-session' })]);

    expect(runCli(['--write'], project).code).toBe(0);
    expect(read(project, 'app/db.py')).toContain('    with Session(engine) as session:\n');
    const again = runCli(['--json'], project);
    expect(JSON.parse(again.stdout).totals).toMatchObject({ changed: 0, fixed: 0, reported: 0 });
  });

  it('follow --extensions: only .ts asked for, the Python file is not even found', () => {
    const project = makeProject({ 'src/user.ts': LEAKY, 'app/db.py': LEAKY_PY });
    const doc = JSON.parse(runCli(['--json', '--extensions', 'ts'], project).stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['src/user.ts']);
  });
});
