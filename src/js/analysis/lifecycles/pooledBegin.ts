// `BEGIN` sent through a pool (`pool.query('BEGIN')`, ``prisma.$executeRaw`BEGIN` ``, ``sql`BEGIN` ``): the
// pool runs each query on whichever connection is free, so the work after it is not in the transaction
// and the connection left inside it goes back to the pool. No rewrite can keep that behaviour and fix it,
// so it is only reported, with where the transaction belongs.
import { poolKind, type PoolKindSpec } from '../../../catalog/js/pools';
import { collectPaths, lineColumn, type Node, type Path, unwrapExpression } from '../ast';
import { BEGIN_SQL } from './index';
import type { Provenance } from '../../provenance/values';

export interface PooledBegin {
  line: number;
  column: number;
  library: string;
  /** The pool expression as written. */
  receiver: string;
  pool: PoolKindSpec;
}

/** Methods that send their first argument as SQL; tags that send their template. */
const SQL_METHODS = new Set(['query', 'execute', 'raw', '$executeRawUnsafe', '$queryRawUnsafe']);
const SQL_TAGS = new Set(['$executeRaw', '$queryRaw']);
/** The whole transaction in one query text (`BEGIN; …; COMMIT`) runs on one connection: fine. */
const ENDS = /\b(COMMIT|ROLLBACK|END)\b/i;

function opensTransaction(sql: string | null): boolean {
  return !!sql && BEGIN_SQL.test(sql) && !ENDS.test(sql.replace(BEGIN_SQL, ''));
}

function text(node: Node): string | null {
  if (node?.type === 'StringLiteral' || (node?.type === 'Literal' && typeof node.value === 'string')) return node.value;
  if (node?.type === 'TemplateLiteral') return node.quasis.map((q: Node) => q.value.cooked).join(' ');
  return null;
}

function receiverText(node: Node): string {
  const u = unwrapExpression(node);
  if (u.type === 'Identifier') return u.name;
  if (u.type === 'ThisExpression') return 'this';
  if (u.type === 'MemberExpression' && !u.computed) return `${receiverText(u.object)}.${u.property.name}`;
  return 'the pool';
}

export function findPooledBegins(root: Path, provenance: Provenance): PooledBegin[] {
  const out: PooledBegin[] = [];
  const sites = collectPaths(root, (n: Node) => {
    if (n.type === 'CallExpression') {
      const c = unwrapExpression(n.callee);
      return c.type === 'MemberExpression' && !c.computed && SQL_METHODS.has(c.property.name) && opensTransaction(text(n.arguments[0]));
    }
    return n.type === 'TaggedTemplateExpression' && opensTransaction(n.quasi.quasis.map((q: Node) => q.value.cooked).join(' '));
  });
  for (const p of sites) {
    let receiver: Path;
    if (p.node.type === 'CallExpression') receiver = p.get('callee', 'object');
    else {
      const tag = unwrapExpression(p.node.tag);
      // prisma: ``prisma.$executeRaw`BEGIN` ``; postgres.js: the pool is the tag itself.
      receiver = tag.type === 'MemberExpression' && !tag.computed && SQL_TAGS.has(tag.property.name) ? p.get('tag', 'object') : p.get('tag');
    }
    const value = provenance.expr(receiver);
    if (value?.t !== 'instance') continue;
    const pool = poolKind(value.kind.lib.library, value.kind.name);
    if (!pool?.transaction) continue;
    out.push({ ...lineColumn(p.node), library: pool.library, receiver: receiverText(receiver.node), pool });
  }
  return out;
}
