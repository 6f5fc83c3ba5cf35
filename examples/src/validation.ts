// Input validation for the orders API. Pure functions: no I/O.
import { HttpError } from './http';
import type { OrderLine } from './orderRepository';

export interface NewOrderInput {
  customerId: number;
  lines: OrderLine[];
}

const SKU = /^[A-Z]{3}-\d{4,6}$/;
const MAX_LINES = 100;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positiveInt(v: unknown, field: string, problems: string[]): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    problems.push(`${field} must be a positive integer`);
    return 0;
  }
  return v;
}

export function validateLine(raw: unknown, index: number, problems: string[]): OrderLine | null {
  if (!isRecord(raw)) {
    problems.push(`lines[${index}] must be an object`);
    return null;
  }
  const sku = typeof raw.sku === 'string' ? raw.sku.trim().toUpperCase() : '';
  if (!SKU.test(sku)) problems.push(`lines[${index}].sku is not a valid SKU`);
  const quantity = positiveInt(raw.quantity, `lines[${index}].quantity`, problems);
  const unitPriceCents = positiveInt(raw.unitPriceCents, `lines[${index}].unitPriceCents`, problems);
  return { sku, quantity, unitPriceCents };
}

/** Validates a POST /orders body; throws a 422 listing every problem at once. */
export function validateNewOrder(body: unknown): NewOrderInput {
  const problems: string[] = [];
  if (!isRecord(body)) throw new HttpError(422, 'body must be a JSON object');
  const customerId = positiveInt(body.customerId, 'customerId', problems);
  const rawLines = Array.isArray(body.lines) ? body.lines : [];
  if (rawLines.length === 0) problems.push('lines must be a non-empty array');
  if (rawLines.length > MAX_LINES) problems.push(`at most ${MAX_LINES} lines per order`);
  const lines = rawLines
    .slice(0, MAX_LINES)
    .map((l, i) => validateLine(l, i, problems))
    .filter((l): l is OrderLine => l !== null);
  const skus = new Set(lines.map((l) => l.sku));
  if (skus.size !== lines.length) problems.push('each SKU may appear only once');
  if (problems.length > 0) throw new HttpError(422, 'invalid order', problems);
  return { customerId, lines };
}
