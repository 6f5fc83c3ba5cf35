// A small JSON Schema (draft 2020-12) checker for the keywords report.schema.json uses. Any other keyword
// is an error, so the schema cannot grow a rule this checker silently skips.
import * as fs from 'node:fs';
import * as path from 'node:path';

type Schema = Record<string, unknown>;

export const REPORT_SCHEMA = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../src/cli/report.schema.json'), 'utf8'),
) as Schema;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const CHECKED = new Set(['$ref', 'type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'items', 'minimum']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Every violation as `path: problem`; empty when `value` conforms. */
export function validate(value: unknown, schema: Schema = REPORT_SCHEMA, root: Schema = schema, at = '$'): string[] {
  const errors: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !CHECKED.has(key)) throw new Error(`schema keyword ${key} at ${at} is not supported by this checker`);
  }
  if (typeof schema.$ref === 'string') {
    const m = /^#\/\$defs\/(\w+)$/.exec(schema.$ref);
    if (!m) throw new Error(`unsupported $ref ${schema.$ref}`);
    const target = (root.$defs as Record<string, Schema>)[m[1]];
    if (!target) throw new Error(`dangling $ref ${schema.$ref}`);
    errors.push(...validate(value, target, root, at));
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const ok = allowed.includes(t) || (t === 'integer' && allowed.includes('number'));
    if (!ok) return [...errors, `${at}: expected ${allowed.join('|')}, got ${t}`];
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) errors.push(`${at}: ${value} < ${schema.minimum}`);
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${at}: missing ${r}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validate(v, props[k], root, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
    }
  }
  if (t === 'array' && schema.items) {
    (value as unknown[]).forEach((v, i) => errors.push(...validate(v, schema.items as Schema, root, `${at}[${i}]`)));
  }
  return errors;
}
