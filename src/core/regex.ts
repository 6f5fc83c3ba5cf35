// Text that must match itself inside a pattern built from names (`createPool`, `mysql2/promise`, `$db`).
export const escapeRegExp = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
