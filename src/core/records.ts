// Records keyed by names read from code (exports, members, types): a name such as `toString` or
// `constructor` must never find what every object inherits from Object.prototype.

/** `record[key]` when the record holds it itself. */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}
