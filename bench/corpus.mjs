// Synthetic TypeScript repository for bench/run.mjs, generated deterministically from a seed.
//
//   node bench/corpus.mjs [seed] [--files N] [--dir DIR]     (generates, or reuses, and prints the path)
//
// About 3 KB per file: services (classes), utility modules, DTO modules (interfaces, enums, mappers),
// reducers (switch statements), ~10% .tsx components, some `<T>x` casts in .ts files. About 2% of the files
// hold database lifecycles (pg, mysql2/promise, mongodb, TypeORM) in the shapes of examples/; about 1% are
// "decoys": no database code, but text that matches leakproof's prefilter (a WebSocket `.connect(`, an AWS
// SDK `.promise()`, a `node:fs/promises` import, ...). Every other file avoids the prefilter's words.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generated text changes, so cached corpora of an older generator are not reused. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20240611;
export const DEFAULT_FILES = 5000;

// ---------------------------------------------------------------------------------------------------------
// PRNG

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  sample(arr, n) {
    const copy = [...arr];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary. Nothing here may match the prefilter: no `connect`, `session`, `promise` method names, no
// quoted module names of the catalogue ('pg', 'fs', 'redis', ...).

const AREAS = ['billing', 'catalog', 'checkout', 'identity', 'inventory', 'logistics', 'marketing', 'notifications', 'reporting', 'support'];
const FEATURES = ['admin', 'api', 'core', 'domain', 'export', 'import', 'jobs', 'search', 'sync', 'webhooks'];
const ENTITIES = [
  'Invoice', 'Customer', 'Shipment', 'Product', 'Account', 'Ticket', 'Subscription', 'Coupon', 'Warehouse',
  'Vendor', 'Employee', 'Project', 'Task', 'Report', 'Notification', 'Address', 'Payment', 'Refund', 'Review',
  'Category', 'Campaign', 'Parcel', 'Carrier', 'Quote', 'Contract', 'Budget', 'Ledger', 'Voucher', 'Device',
  'Tenant', 'Webhook', 'Audit', 'Region', 'Supplier', 'Discount', 'Booking', 'Lead', 'Survey', 'Asset', 'Badge',
];
const FIELDS = [
  ['name', 'string', "'Sample name'"],
  ['title', 'string', "'Untitled'"],
  ['email', 'string', "'someone@example.com'"],
  ['description', 'string', "''"],
  ['amountCents', 'number', '0'],
  ['quantity', 'number', '1'],
  ['priority', 'number', '3'],
  ['weightGrams', 'number', '250'],
  ['score', 'number', '0.5'],
  ['active', 'boolean', 'true'],
  ['archived', 'boolean', 'false'],
  ['verified', 'boolean', 'false'],
  ['createdAt', 'Date', 'new Date(0)'],
  ['updatedAt', 'Date', 'new Date(0)'],
  ['dueDate', 'Date | null', 'null'],
  ['tags', 'string[]', '[]'],
  ['currency', "'EUR' | 'USD' | 'GBP'", "'EUR'"],
  ['locale', 'string', "'en-GB'"],
  ['ownerId', 'string', "''"],
  ['parentId', 'string | null', 'null'],
  ['notes', 'string | undefined', 'undefined'],
  ['version', 'number', '1'],
  ['externalRef', 'string', "''"],
  ['countryCode', 'string', "'GB'"],
];
const STATUSES = ['draft', 'pending', 'active', 'suspended', 'completed', 'cancelled', 'failed', 'archived', 'review', 'scheduled'];
const VERBS = ['load', 'refresh', 'archive', 'restore', 'approve', 'reject', 'assign', 'schedule', 'publish', 'verify', 'recalculate', 'merge'];

const camel = (s) => s[0].toLowerCase() + s.slice(1);
const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const plural = (s) => (s.endsWith('y') ? `${s.slice(0, -1)}ies` : s.endsWith('s') ? `${s}es` : `${s}s`);

// ---------------------------------------------------------------------------------------------------------
// Sections: each returns a chunk of source text for entity `E`.

function dtoSection(r, E) {
  const fields = r.sample(FIELDS, r.int(4, 8));
  const st = r.sample(STATUSES, r.int(3, 5));
  return `
/** ${E} as returned by the public API. */
export interface ${E}Dto {
  id: string;
${fields.map(([n, t]) => `  ${n}: ${t};`).join('\n')}
  status: ${E}Status;
}

export type ${E}Status = ${st.map((s) => `'${s}'`).join(' | ')};

export interface ${E}Record {
  ${snake(E)}_id: string;
${fields.map(([n, t]) => `  ${snake(n)}: ${t};`).join('\n')}
  status: string;
}

export function to${E}Dto(record: ${E}Record): ${E}Dto {
  return {
    id: record.${snake(E)}_id,
${fields.map(([n]) => `    ${n}: record.${snake(n)},`).join('\n')}
    status: is${E}Status(record.status) ? record.status : '${st[0]}',
  };
}

export function is${E}Status(value: string): value is ${E}Status {
  return ${st.map((s) => `value === '${s}'`).join(' || ')};
}

export function empty${E}(id: string): ${E}Dto {
  return {
    id,
${fields.map(([n, , v]) => `    ${n}: ${v},`).join('\n')}
    status: '${st[0]}',
  };
}
`;
}

function enumSection(r, E) {
  const st = r.sample(STATUSES, r.int(4, 7));
  const pascal = (s) => s[0].toUpperCase() + s.slice(1);
  return `
export enum ${E}Phase {
${st.map((s) => `  ${pascal(s)} = '${s.toUpperCase()}',`).join('\n')}
}

export const ${snake(E).toUpperCase()}_PHASE_LABELS: Readonly<Record<${E}Phase, string>> = {
${st.map((s) => `  [${E}Phase.${pascal(s)}]: '${pascal(s)}',`).join('\n')}
};

export const TERMINAL_${snake(E).toUpperCase()}_PHASES = new Set<${E}Phase>([${E}Phase.${pascal(st[st.length - 1])}]);
`;
}

function reducerSection(r, E) {
  const e = camel(E);
  const verbs = r.sample(VERBS, r.int(3, 6));
  return `
export interface ${E}State {
  items: Record<string, { id: string; version: number; dirty: boolean }>;
  selectedId: string | null;
  loading: boolean;
  error: string | null;
}

export type ${E}Action =
${verbs.map((v) => `  | { type: '${e}/${v}'; id: string }`).join('\n')}
  | { type: '${e}/failed'; error: string }
  | { type: '${e}/reset' };

export const initial${E}State: ${E}State = { items: {}, selectedId: null, loading: false, error: null };

export function ${e}Reducer(state: ${E}State = initial${E}State, action: ${E}Action): ${E}State {
  switch (action.type) {
${verbs
  .map((v, i) => {
    if (i % 3 === 0)
      return `    case '${e}/${v}':
      return { ...state, loading: true, selectedId: action.id, error: null };`;
    if (i % 3 === 1)
      return `    case '${e}/${v}': {
      const current = state.items[action.id];
      if (!current) return state;
      return {
        ...state,
        items: { ...state.items, [action.id]: { ...current, version: current.version + 1, dirty: true } },
      };
    }`;
    return `    case '${e}/${v}': {
      const { [action.id]: _removed, ...rest } = state.items;
      return { ...state, items: rest, selectedId: state.selectedId === action.id ? null : state.selectedId };
    }`;
  })
  .join('\n')}
    case '${e}/failed':
      return { ...state, loading: false, error: action.error };
    case '${e}/reset':
      return initial${E}State;
    default:
      return state;
  }
}
`;
}

function serviceSection(r, E, opts) {
  const e = camel(E);
  const route = kebab(plural(E));
  const verbs = r.sample(VERBS, r.int(2, 4));
  const cast = opts.casts ? `<${E}Page>` : '';
  const castEnd = opts.casts ? '' : ` as ${E}Page`;
  return `
export interface ${E}Page {
  items: Array<{ id: string; updatedAt: string }>;
  nextCursor: string | null;
}

export class ${E}Service {
  private readonly cache = new Map<string, { value: unknown; expires: number }>();

  constructor(
    private readonly http: HttpClient,
    private readonly log: Logger,
    private readonly ttlMs = ${r.pick([5_000, 30_000, 60_000, 300_000])},
  ) {}

  async get(id: string): Promise<unknown> {
    const hit = this.cache.get(id);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await this.http.get(\`/api/${route}/\${encodeURIComponent(id)}\`);
    this.cache.set(id, { value, expires: Date.now() + this.ttlMs });
    return value;
  }

  async list(cursor?: string, limit = ${r.pick([20, 25, 50, 100])}): Promise<${E}Page> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    const raw = await this.http.get(\`/api/${route}?\${query.toString()}\`);
    return ${cast}raw${castEnd};
  }
${verbs
  .map(
    (v) => `
  async ${v}(id: string, reason?: string): Promise<void> {
    this.log.info('${e}.${v}', { id, reason });
    try {
      await this.http.post(\`/api/${route}/\${encodeURIComponent(id)}/${kebab(v)}\`, { reason: reason ?? null });
      this.cache.delete(id);
    } catch (err) {
      this.log.error('${e}.${v} failed', { id, err: String(err) });
      throw err;
    }
  }`,
  )
  .join('\n')}
}
`;
}

const UTILS = [
  (r, E) => `
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size <= 0) throw new RangeError('size must be positive');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
`,
  (r, E) => `
export function groupBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const out = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (out[k] ??= []).push(item);
  }
  return out;
}
`,
  (r, E) => `
export async function retry<T>(fn: () => Promise<T>, attempts = ${r.int(2, 5)}, baseDelayMs = ${r.pick([50, 100, 250])}): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      const delay = baseDelayMs * 2 ** attempt + Math.floor(Math.random() * baseDelayMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw lastError;
}
`,
  (r, E) => `
export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}
`,
  (r, E) => `
export function formatMoney(amountCents: number, currency: string, locale = '${r.pick(['en-GB', 'de-DE', 'fr-FR', 'en-US'])}'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountCents / 100);
}

export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[^0-9.,-]/g, '').replace(/,(?=\\d{3}\\b)/g, '');
  const value = Number.parseFloat(cleaned.replace(',', '.'));
  return Number.isFinite(value) ? Math.round(value * 100) : null;
}
`,
  (r, E) => `
export function slugify(text: string, maxLength = ${r.pick([48, 64, 80])}): string {
  return text
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength);
}
`,
  (r, E) => `
export function parseQuery(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const part of search.replace(/^\\?/, '').split('&')) {
    if (!part) continue;
    const [rawKey, rawValue = ''] = part.split('=');
    const key = decodeURIComponent(rawKey);
    const value = decodeURIComponent(rawValue.replace(/\\+/g, ' '));
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
`,
  (r, E) => `
export function daysBetween(a: Date, b: Date): number {
  const ms = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  return Math.round(ms / 86_400_000);
}

export function addBusinessDays(start: Date, days: number): Date {
  const d = new Date(start);
  let left = days;
  while (left > 0) {
    d.setDate(d.getDate() + 1);
    const dow = d.getDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}
`,
  (r, E) => `
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity = ${r.pick([100, 500, 1000])}) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}
`,
  (r, E) => `
export function validate${E}Input(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof input.id !== 'string' || input.id.length === 0) problems.push('id is required');
  if ('email' in input && typeof input.email === 'string' && !/^[^@\\s]+@[^@\\s]+$/.test(input.email)) {
    problems.push('email is not valid');
  }
  if ('quantity' in input && (typeof input.quantity !== 'number' || input.quantity < 0)) {
    problems.push('quantity must be a non-negative number');
  }
  return problems;
}
`,
];

function castSection(r, E) {
  const e = camel(E);
  return `
export interface ${E}Config {
  endpoint: string;
  timeoutMs: number;
  retries: number;
  features: string[];
}

export function read${E}Config(raw: string, env: Record<string, string | undefined>): ${E}Config {
  const parsed = <Partial<${E}Config>>JSON.parse(raw);
  const timeout = <number>(env.${snake(E).toUpperCase()}_TIMEOUT_MS ? Number(env.${snake(E).toUpperCase()}_TIMEOUT_MS) : parsed.timeoutMs);
  return {
    endpoint: parsed.endpoint ?? '/api/${kebab(plural(E))}',
    timeoutMs: timeout || ${r.pick([1000, 5000, 10000])},
    retries: <number>parsed.retries ?? ${r.int(0, 3)},
    features: (<string[] | undefined>parsed.features) ?? [],
  };
}

export function ${e}Keys(value: unknown): string[] {
  return Object.keys(<Record<string, unknown>>value).sort();
}
`;
}

function headerImports(r, depth, opts) {
  const up = '../'.repeat(depth);
  const lines = [];
  if (opts.service) lines.push(`import type { HttpClient } from '${up}shared/http-client';`, `import type { Logger } from '${up}shared/logger';`);
  if (r.chance(0.4)) lines.push(`import { assertNever } from '${up}shared/result';`);
  return lines.join('\n');
}

function footer(r, E, hasAssert) {
  if (!hasAssert) return '';
  return `
export function describe${E}Kind(kind: 'a' | 'b'): string {
  switch (kind) {
    case 'a':
      return '${E} (primary)';
    case 'b':
      return '${E} (secondary)';
    default:
      return assertNever(kind);
  }
}
`;
}

/**
 * Pad with sections until the text reaches `target` bytes. A section is never added twice for the same
 * entity (that would redeclare its names); later sections may be about another entity.
 */
function fill(r, E, text, target, makers, used = new Set()) {
  let out = text;
  let guard = 0;
  while (out.length < target && guard++ < 40) {
    const entity = guard === 1 ? E : r.pick(ENTITIES);
    const maker = r.pick(makers);
    if (maker === utilSection) {
      const i = r.int(0, UTILS.length - 1);
      // Only the last one (validate<E>Input) names its entity.
      const key = i === UTILS.length - 1 ? `util:${i}:${entity}` : `util:${i}`;
      if (used.has(key)) continue;
      used.add(key);
      out += UTILS[i](r, entity);
      continue;
    }
    const key = `${maker.name}:${entity}`;
    if (used.has(key)) continue;
    used.add(key);
    out += maker(r, entity);
  }
  return out;
}

/** Marker: `fill` picks one of UTILS. */
function utilSection() {}

// ---------------------------------------------------------------------------------------------------------
// Plain files

function plainTs(r, E, depth, target) {
  const casts = r.chance(0.15);
  const service = r.chance(0.35);
  const imports = headerImports(r, depth, { service });
  const hasAssert = imports.includes('assertNever');
  let body = `// ${E}: ${r.pick(['domain types and helpers', 'API client', 'state and transitions', 'shared utilities', 'mapping between layers'])}.\n${imports}\n`;
  if (service) body += serviceSection(r, E, { casts });
  if (casts) body += castSection(r, E);
  body += footer(r, E, hasAssert);
  const makers = [dtoSection, reducerSection, utilSection, utilSection, enumSection];
  return fill(r, E, body, target, makers);
}

function tsxFile(r, E, depth, target) {
  const e = camel(E);
  const fields = r.sample(FIELDS, r.int(3, 5));
  const up = '../'.repeat(depth);
  let text = `// ${E} views.
import * as React from 'react';
import { useMemo, useState } from 'react';
import { formatDate } from '${up}shared/format';

export interface ${E}Row {
  id: string;
${fields.map(([n, t]) => `  ${n}: ${t};`).join('\n')}
}

export interface ${E}TableProps {
  rows: ${E}Row[];
  loading?: boolean;
  onSelect?: (row: ${E}Row) => void;
  emptyText?: string;
}

export function ${E}Table({ rows, loading = false, onSelect, emptyText = 'Nothing here yet' }: ${E}TableProps) {
  const [query, setQuery] = useState('');
  const [sortDesc, setSortDesc] = useState(false);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q ? rows.filter((row) => JSON.stringify(row).toLowerCase().includes(q)) : rows;
    return [...filtered].sort((a, b) => (sortDesc ? b.id.localeCompare(a.id) : a.id.localeCompare(b.id)));
  }, [rows, query, sortDesc]);

  if (loading) return <div className="spinner" aria-busy="true" />;
  return (
    <section className="${kebab(E)}-table">
      <header>
        <input value={query} placeholder="Filter ${plural(e)}" onChange={(ev) => setQuery(ev.target.value)} />
        <button type="button" onClick={() => setSortDesc((d) => !d)}>
          {sortDesc ? 'Newest first' : 'Oldest first'}
        </button>
      </header>
      {visible.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Id</th>
${fields.map(([n]) => `              <th>${n}</th>`).join('\n')}
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id} onClick={() => onSelect?.(row)}>
                <td>{row.id}</td>
${fields
  .map(([n, t]) =>
    t === 'Date'
      ? `                <td>{formatDate(row.${n})}</td>`
      : t === 'boolean'
        ? `                <td>{row.${n} ? 'yes' : 'no'}</td>`
        : `                <td>{String(row.${n} ?? '')}</td>`,
  )
  .join('\n')}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
`;
  const extra = [
    () => `
export function ${E}Badge({ status }: { status: string }) {
  const tone = status === 'failed' || status === 'cancelled' ? 'danger' : status === 'completed' ? 'success' : 'neutral';
  return <span className={\`badge badge-\${tone}\`}>{status}</span>;
}
`,
    () => `
export function ${E}Summary({ count, total }: { count: number; total: number }) {
  const pct = total === 0 ? 0 : Math.round((count / total) * 100);
  return (
    <>
      <strong>{count}</strong> of {total} ${plural(e)} ({pct}%)
      {pct === 100 && <em> — all done</em>}
    </>
  );
}
`,
    () => `
export function ${E}Form({ initial, onSubmit }: { initial: Partial<${E}Row>; onSubmit: (v: Partial<${E}Row>) => void }) {
  const [draft, setDraft] = useState<Partial<${E}Row>>(initial);
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        onSubmit(draft);
      }}
    >
${fields
  .filter(([, t]) => t === 'string')
  .map(
    ([n]) => `      <label>
        ${n}
        <input value={String(draft.${n} ?? '')} onChange={(ev) => setDraft({ ...draft, ${n}: ev.target.value })} />
      </label>`,
  )
  .join('\n')}
      <button type="submit">Save</button>
    </form>
  );
}
`,
  ];
  for (const add of r.sample(extra, extra.length)) {
    if (text.length >= target) break;
    text += add();
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Decoys: no database, but they match the prefilter.

function decoyFile(r, E, depth, target) {
  const e = camel(E);
  const variants = [
    () => `// Live updates for ${plural(e)} over a WebSocket.
export interface SocketLike {
  connect(url: string): Promise<void>;
  send(data: string): void;
  close(code?: number): void;
  on(event: 'message', cb: (data: string) => void): void;
}

export class ${E}LiveFeed {
  private attempts = 0;
  constructor(private readonly socket: SocketLike, private readonly url: string) {}

  async start(onUpdate: (id: string) => void): Promise<void> {
    await this.socket.connect(this.url);
    this.attempts = 0;
    this.socket.on('message', (data) => {
      const msg = JSON.parse(data) as { type: string; id: string };
      if (msg.type === '${e}.updated') onUpdate(msg.id);
    });
    this.socket.send(JSON.stringify({ subscribe: '${kebab(plural(E))}' }));
  }

  stop(): void {
    this.socket.close(1000);
  }
}
`,
    () => `// Archived ${plural(e)} are read back from S3 (AWS SDK v2 style).
interface S3Like {
  getObject(params: { Bucket: string; Key: string }): { promise(): Promise<{ Body?: unknown }> };
}

export async function readArchived${E}(s3: S3Like, bucket: string, id: string): Promise<unknown> {
  const out = await s3.getObject({ Bucket: bucket, Key: \`${kebab(plural(E))}/\${id}.json\` }).promise();
  return out.Body ? JSON.parse(String(out.Body)) : null;
}
`,
    () => `// Fixtures for ${plural(e)} are read from disk at start-up.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

export async function load${E}Fixtures(dir: string): Promise<unknown[]> {
  const text = await readFile(path.join(dir, '${kebab(plural(E))}.json'), 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('fixture file must hold an array');
  return parsed;
}
`,
    () => `// Message-broker client for ${e} events.
interface Broker {
  connect(opts: { host: string; port: number }): Promise<void>;
  publish(topic: string, payload: string): Promise<void>;
}

export async function publish${E}Changed(broker: Broker, id: string): Promise<void> {
  await broker.connect({ host: process.env.BROKER_HOST ?? 'localhost', port: ${r.pick([1883, 5672, 4222])} });
  await broker.publish('${kebab(E)}.changed', JSON.stringify({ id, at: new Date().toISOString() }));
}
`,
    () => `// Auth helpers around the login ${e} flow.
interface AuthProvider {
  session(token: string): { userId: string; expiresAt: number } | null;
}

export function requireUser(auth: AuthProvider, token: string | undefined): string {
  const current = token ? auth.session(token) : null;
  if (!current || current.expiresAt < Date.now()) throw new Error('not signed in');
  return current.userId;
}
`,
  ];
  let text = r.pick(variants)();
  return fill(r, E, text, target, [dtoSection, utilSection, reducerSection]);
}

// ---------------------------------------------------------------------------------------------------------
// Database files: the shapes of examples/.

const DB_SHAPES = {
  pgLinear: (E, c) => `
/** Loads one ${camel(E)}. A throwing query leaks the client. */
export async function find${E}(id: string): Promise<${E}Row | null> {
  const client = await ${c}.connect();
  const res = await client.query<${E}Row>('SELECT * FROM ${snake(plural(E))} WHERE id = $1', [id]);
  client.release();
  return res.rows[0] ?? null;
}
`,
  pgTransaction: (E, c) => `
/** Inserts a ${camel(E)} and its audit row in one transaction. */
export async function insert${E}(row: ${E}Row, actor: string): Promise<void> {
  const client = await ${c}.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO ${snake(plural(E))} (id, name, updated_at) VALUES ($1, $2, now())', [row.id, row.name]);
    await client.query('INSERT INTO audit_log (entity, entity_id, actor) VALUES ($1, $2, $3)', ['${snake(E)}', row.id, actor]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    throw err;
  }
  client.release();
}
`,
  pgEarlyReturn: (E, c) => `
/** Lists ${plural(camel(E))} of an owner; the early return skips the release. */
export async function list${plural(E)}(ownerId: string): Promise<${E}Row[]> {
  const client = await ${c}.connect();
  const owner = await client.query('SELECT 1 FROM owners WHERE id = $1', [ownerId]);
  if (owner.rowCount === 0) {
    return [];
  }
  const res = await client.query<${E}Row>('SELECT * FROM ${snake(plural(E))} WHERE owner_id = $1 ORDER BY name', [ownerId]);
  client.release();
  return res.rows;
}
`,
  pgReturnPending: (E, c) => `
/** Counts ${plural(camel(E))}; the promise is returned before the query ran, the finally releases first. */
export async function count${plural(E)}(): Promise<QueryResult<{ n: string }>> {
  const client = await ${c}.connect();
  try {
    return client.query('SELECT count(*) AS n FROM ${snake(plural(E))}');
  } finally {
    client.release();
  }
}
`,
  pgReturnClient: (E, c) => `
/** Hands a client to the caller, who must release it (reported, not rewritten). */
export async function ${camel(E)}Client(): Promise<PoolClient> {
  const client = await ${c}.connect();
  await client.query("SET application_name = '${kebab(E)}'");
  return client;
}
`,
  pgReleaseErr: (E, c) => `
/** Destroys the client on error with release(err) (reported, not rewritten). */
export async function touch${E}(id: string): Promise<void> {
  const client = await ${c}.connect();
  try {
    await client.query('UPDATE ${snake(plural(E))} SET updated_at = now() WHERE id = $1', [id]);
    client.release();
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}
`,
  mysqlLinear: (E, c) => `
/** Loads one ${camel(E)} from MySQL. A throwing query leaks the connection. */
export async function fetch${E}(id: string): Promise<${E}Row | null> {
  const conn = await ${c}.getConnection();
  const [rows] = await conn.query<(${E}Row & RowDataPacket)[]>('SELECT * FROM ${snake(plural(E))} WHERE id = ?', [id]);
  conn.release();
  return rows[0] ?? null;
}
`,
  mysqlTransaction: (E, c) => `
/** Renames a ${camel(E)} in a MySQL transaction. */
export async function rename${E}(id: string, name: string): Promise<void> {
  const conn = await ${c}.getConnection();
  await conn.beginTransaction();
  try {
    await conn.execute('UPDATE ${snake(plural(E))} SET name = ? WHERE id = ?', [name, id]);
    await conn.execute('INSERT INTO renames (entity_id, name) VALUES (?, ?)', [id, name]);
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  }
  conn.release();
}
`,
  mysqlBranch: (E, c) => `
/** Releases only when something was deleted (reported, not rewritten). */
export async function purge${plural(E)}(before: Date): Promise<number> {
  const conn = await ${c}.getConnection();
  const [res] = await conn.execute<ResultSetHeader>('DELETE FROM ${snake(plural(E))} WHERE updated_at < ?', [before]);
  if (res.affectedRows > 0) {
    conn.release();
  }
  return res.affectedRows;
}
`,
  mongoSession: (E, c) => `
/** Writes a ${camel(E)} event in a session; a failed insert never ends the session. */
export async function record${E}Event(id: string, type: string): Promise<void> {
  const session = ${c}.startSession();
  await ${c}.db('events').collection('${snake(E)}_events').insertOne({ id, type, at: new Date() }, { session });
  await session.endSession();
}
`,
  mongoTransaction: (E, c) => `
/** Moves a ${camel(E)} between collections in a transaction. */
export async function archive${E}(id: string): Promise<void> {
  const session = ${c}.startSession();
  session.startTransaction();
  try {
    const live = ${c}.db('app').collection('${snake(plural(E))}');
    const doc = await live.findOneAndDelete({ id }, { session });
    if (doc) await ${c}.db('app').collection('${snake(plural(E))}_archive').insertOne(doc, { session });
    await session.commitTransaction();
  } catch (err) {
    await session.abortTransaction();
    throw err;
  }
  await session.endSession();
}
`,
  typeormRunner: (E, c) => `
/** Deletes a ${camel(E)} and its children with a TypeORM query runner. */
export async function delete${E}(id: string): Promise<void> {
  const queryRunner = ${c}.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.startTransaction();
    await queryRunner.query('DELETE FROM ${snake(E)}_children WHERE parent_id = $1', [id]);
    await queryRunner.query('DELETE FROM ${snake(plural(E))} WHERE id = $1', [id]);
    await queryRunner.commitTransaction();
  } catch (err) {
    await queryRunner.rollbackTransaction();
    throw err;
  } finally {
    await queryRunner.release();
  }
}
`,
};

const DB_FLAVOURS = [
  { lib: 'pg', weight: 5, shapes: ['pgLinear', 'pgTransaction', 'pgEarlyReturn', 'pgReturnPending', 'pgReturnClient', 'pgReleaseErr'] },
  { lib: 'mysql2', weight: 3, shapes: ['mysqlLinear', 'mysqlTransaction', 'mysqlBranch'] },
  { lib: 'mongodb', weight: 2, shapes: ['mongoSession', 'mongoTransaction'] },
  { lib: 'typeorm', weight: 1, shapes: ['typeormRunner'] },
];

function dbFile(r, E, depth, target) {
  const total = DB_FLAVOURS.reduce((s, f) => s + f.weight, 0);
  let roll = r.int(1, total);
  const flavour = DB_FLAVOURS.find((f) => (roll -= f.weight) <= 0);
  const shapes = r.sample(flavour.shapes, r.int(1, Math.min(3, flavour.shapes.length)));
  const local = r.chance(0.5);
  const up = '../'.repeat(depth);
  const header = [];
  let handle;
  if (flavour.lib === 'pg') {
    const types = ['PoolClient', 'QueryResult'].filter((t) => shapes.some((s) => DB_SHAPES[s]('X', 'p').includes(t)));
    if (local) {
      header.push(`import { Pool${types.map((t) => `, type ${t}`).join('')} } from 'pg';`, '', `const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: ${r.int(4, 20)} });`);
    } else {
      if (types.length) header.push(`import type { ${types.join(', ')} } from 'pg';`);
      header.push(`import { pool } from '${up}shared/db';`);
    }
    handle = 'pool';
  } else if (flavour.lib === 'mysql2') {
    header.push(`import mysql, { type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';`);
    if (local) header.push('', `const pool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: ${r.int(2, 10)} });`);
    else header.push(`import { mysqlPool as pool } from '${up}shared/db';`);
    handle = 'pool';
  } else if (flavour.lib === 'mongodb') {
    if (local) header.push(`import { MongoClient } from 'mongodb';`, '', `const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');`);
    else header.push(`import { mongo } from '${up}shared/db';`);
    handle = 'mongo';
  } else {
    header.push(`import { dataSource } from '${up}shared/db';`);
    handle = 'dataSource';
  }
  const row = `
export interface ${E}Row {
  id: string;
  name: string;
  owner_id: string;
  updated_at: Date;
}
`;
  let text = `// ${E} persistence (${flavour.lib}).\n${header.join('\n')}\n${row}${shapes.map((s) => DB_SHAPES[s](E, handle)).join('')}`;
  text = fill(r, E, text, target, [dtoSection, utilSection]);
  return { text, lib: flavour.lib, shapes };
}

// ---------------------------------------------------------------------------------------------------------
// Shared modules (real files the others import).

const SHARED = {
  'shared/http-client.ts': `// Minimal HTTP client used by the generated services.
export interface HttpClient {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export function createHttpClient(baseUrl: string, headers: Record<string, string> = {}): HttpClient {
  async function send(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(\`\${method} \${path}: \${res.status}\`);
    return res.status === 204 ? null : res.json();
  }
  return { get: (path) => send('GET', path), post: (path, body) => send('POST', path, body) };
}
`,
  'shared/logger.ts': `// Structured logging to stdout.
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const logger: Logger = {
  info: (msg, fields) => console.log(JSON.stringify({ level: 'info', msg, ...fields })),
  error: (msg, fields) => console.error(JSON.stringify({ level: 'error', msg, ...fields })),
};
`,
  'shared/result.ts': `// Exhaustiveness helper.
export function assertNever(value: never): never {
  throw new Error(\`unexpected value: \${String(value)}\`);
}
`,
  'shared/format.ts': `// Display formatting.
export function formatDate(value: Date | string | null | undefined, locale = 'en-GB'): string {
  if (value === null || value === undefined) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}
`,
  'shared/db.ts': `// Database handles shared by the persistence modules.
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import { MongoClient } from 'mongodb';
import { DataSource } from 'typeorm';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
export const mysqlPool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 5 });
export const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [] });
`,
};

// ---------------------------------------------------------------------------------------------------------
// The corpus

/**
 * Generates the corpus into `dir` (which must not exist or be empty). Returns a manifest:
 * { seed, files, db: [relative paths], decoys: [relative paths], bytes }.
 */
export function generate(seed, dir, fileCount = DEFAULT_FILES) {
  const r = new Rng(seed);
  fs.mkdirSync(dir, { recursive: true });
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    return Buffer.byteLength(text);
  };
  let bytes = 0;
  const manifest = { seed, generator: GENERATOR_VERSION, files: 0, db: [], decoys: [], tsx: 0, bytes: 0 };
  for (const [rel, text] of Object.entries(SHARED)) {
    bytes += write(path.join('src', rel), text);
    manifest.files++;
    if (rel === 'shared/db.ts') manifest.db.push(path.join('src', rel));
  }
  const remaining = fileCount - manifest.files;
  for (let i = 0; i < remaining; i++) {
    const area = AREAS[i % AREAS.length];
    const feature = FEATURES[Math.floor(i / AREAS.length) % FEATURES.length];
    const E = r.pick(ENTITIES);
    const target = r.int(1900, 3300);
    const depth = 2; // src/<area>/<feature>/file.ts → ../../shared
    const roll = r.next();
    let text;
    let ext = 'ts';
    let kind;
    if (roll < 0.02) {
      const db = dbFile(r, E, depth, target);
      text = db.text;
      kind = `${db.lib}-repository`;
      manifest.db.push(null);
    } else if (roll < 0.03) {
      text = decoyFile(r, E, depth, target);
      kind = 'client';
      manifest.decoys.push(null);
    } else if (roll < 0.13) {
      text = tsxFile(r, E, depth, target);
      ext = 'tsx';
      kind = 'view';
      manifest.tsx++;
    } else {
      text = plainTs(r, E, depth, target);
      kind = r.pick(['service', 'model', 'utils', 'types', 'store', 'helpers']);
    }
    const rel = path.join('src', area, feature, `${kebab(E)}-${kind}-${i}.${ext}`);
    if (manifest.db.at(-1) === null) manifest.db[manifest.db.length - 1] = rel;
    if (manifest.decoys.at(-1) === null) manifest.decoys[manifest.decoys.length - 1] = rel;
    bytes += write(rel, text);
    manifest.files++;
  }
  manifest.bytes = bytes;
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: `bench-corpus-${seed}`,
        private: true,
        engines: { node: '>=20.19' },
        dependencies: { mongodb: '^7.9.0', mysql2: '^3.24.6', pg: '^8.23.1', typeorm: '^1.1.1' },
        devDependencies: { '@types/pg': '^8.23.1', typescript: '^5.9.0' },
      },
      null,
      2,
    )}\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          lib: ['ES2022', 'DOM', 'esnext.disposable'],
          jsx: 'react-jsx',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  // Written last: its presence marks a complete corpus.
  fs.writeFileSync(path.join(dir, '.bench-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function defaultDir(seed, fileCount = DEFAULT_FILES) {
  return path.join(os.tmpdir(), 'leakproof-bench', `corpus-${seed}-${fileCount}-g${GENERATOR_VERSION}`);
}

/** The corpus for `seed`, generated unless a complete one is already there. */
export function ensureCorpus(seed, { files = DEFAULT_FILES, dir = defaultDir(seed, files) } = {}) {
  const manifestFile = path.join(dir, '.bench-manifest.json');
  if (fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (m.seed === seed && m.generator === GENERATOR_VERSION && m.files === files) return { dir, manifest: m, reused: true };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { dir, manifest: generate(seed, dir, files), reused: false };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const files = Number(opt('--files') ?? DEFAULT_FILES);
  const dirArg = opt('--dir');
  const seed = args[0] !== undefined ? Number(args[0]) >>> 0 : DEFAULT_SEED;
  const { dir, manifest, reused } = ensureCorpus(seed, { dir: dirArg ? path.resolve(dirArg) : defaultDir(seed, files), files });
  console.log(`${reused ? 'reused' : 'generated'} ${dir}: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.db.length} with database code, ${manifest.decoys.length} decoys, ${manifest.tsx} .tsx`);
}
