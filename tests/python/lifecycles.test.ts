import { describe, expect, it } from 'vitest';
import { pyLifecycles } from '../../src/python/transforms/lifecycles';
import { PythonSyntaxError } from '../../src/python/parse/tree';
import { fixtureCase } from '../fixtures/runner';

const linearCase = fixtureCase('python/lifecycles', 'session-linear.py');
const linear = { ...linearCase, output: linearCase.styles[0].output };

describe('python lifecycles keeps the bytes it does not need to change', () => {
  it('keeps CRLF line endings and a BOM', () => {
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    const result = pyLifecycles.apply(crlf(linear.input), linear.inputPath, {});
    expect(result.source).toBe(crlf(linear.output));
  });

  it('changes only the acquire line, the indentation of the work and the close() line', () => {
    const input = linear.input.replace('from sqlalchemy.orm import Session', "from sqlalchemy.orm import Session  # 'single' quotes stay\n\n\n");
    const result = pyLifecycles.apply(input, linear.inputPath, {});
    const before = input.split('\n');
    const after = result.source!.split('\n');
    expect(after.filter((l) => !before.includes(l))).toEqual([
      '    with Session(engine) as session:  # a unit of work per call',
      '        stmt = select(Order).where(Order.customer_id == customer_id, Order.open.is_(True))',
      '        # Plain dicts leave the session, never ORM objects.',
      '        orders = [o.as_dict() for o in session.execute(stmt).scalars()]',
    ]);
    expect(before.filter((l) => !after.includes(l))).toHaveLength(5);
    expect(result.source).toContain("# 'single' quotes stay\n\n\n");
  });

  it('reports the acquire line of the text it was given, also for a fix made on a second round', () => {
    const nested = fixtureCase('python/lifecycles', 'nested.py');
    // (The inner one is fixed first, the outer one around it on the second round.)
    const lines = pyLifecycles.apply(nested.input, nested.inputPath, {}).findings.map((f) => f.line).sort((a, b) => a - b);
    const at = (text: string) => nested.input.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(lines).toEqual([at('conn = engine.connect()'), at('session = Session(bind=conn)')]);
    expect(lines[0]).toBeGreaterThan(0);
  });

  it('reports what it would fix with --report-only and changes nothing', () => {
    const result = pyLifecycles.apply(linear.input, linear.inputPath, { reportOnly: true });
    expect(result.source).toBeNull();
    expect(result.findings.map((f) => `${f.outcome} ${f.reasonId}`)).toEqual(['reported would-fix']);
  });

  it('refuses a file Python would not compile, losing nothing', () => {
    expect(() => pyLifecycles.apply('import sqlalchemy\ndef f(:\n    pass\n', 'bad.py', {})).toThrow(PythonSyntaxError);
  });

  it('leaves a file without database code unparsed and unchanged', () => {
    expect(pyLifecycles.apply('def add(a, b):\n    return a + b\n', 'math.py', {})).toEqual({ source: null, findings: [] });
  });
});

describe('python lifecycles says what the rewrite does', () => {
  it('a never-closed session whose final commit() moves into session.begin() commits, and says so', () => {
    const input = [
      'from sqlalchemy.orm import DeclarativeBase, Session',
      '',
      '',
      'def upgrade(bind, rows):',
      '    session = Session(bind=bind)',
      '    for row in rows:',
      '        session.add(row)',
      '    session.commit()',
      '',
    ].join('\n');
    const result = pyLifecycles.apply(input, '/p/migrate.py', {});
    expect(result.source).toContain('with Session(bind=bind) as session, session.begin():');
    expect(result.findings[0].reason).toMatch(/commits when the block completes and rolls back when it raises/);
    expect(result.findings[0].reason).not.toMatch(/does not commit/);
  });
});
