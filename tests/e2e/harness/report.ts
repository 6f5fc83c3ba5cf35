// The leak table printed at the end of the e2e run: per library and variant, connections leaked.
export interface ReportRow {
  library: string;
  variant: string;
  /** Sum over the single-call cases (one fresh pool each); null when not measured. */
  leakedPerCase: number | null;
  cases: number;
  /** Left checked out / connected after the stress run. */
  leakedStress: number | null;
  callsStress: string;
  exhausted: number | null;
  pool: string;
  server: string;
  note?: string;
}

export const reportRows: ReportRow[] = [];

export function record(row: ReportRow): void {
  const i = reportRows.findIndex((r) => r.library === row.library && r.variant === row.variant);
  if (i >= 0) reportRows[i] = { ...reportRows[i], ...row };
  else reportRows.push(row);
}

export function update(library: string, variant: string, patch: Partial<ReportRow>): void {
  const row = reportRows.find((r) => r.library === library && r.variant === variant);
  if (row) Object.assign(row, patch);
  else reportRows.push({ library, variant, leakedPerCase: null, cases: 0, leakedStress: null, callsStress: '-', exhausted: null, pool: '-', server: '-', ...patch });
}

export function formatTable(order: { libraries: string[]; variants: string[] }): string {
  const header = ['library', 'style', 'leaked: failure cases', 'leaked: stress', 'stress calls', 'exhausted', 'pool idle/total/waiting', 'server conns (samples → end)'];
  const rows = [...reportRows]
    .sort(
      (a, b) =>
        order.libraries.indexOf(a.library) - order.libraries.indexOf(b.library) || order.variants.indexOf(a.variant) - order.variants.indexOf(b.variant),
    )
    .map((r) =>
      r.note
        ? [r.library, r.variant, r.note, '', '', '', '', '']
        : [
            r.library,
            r.variant,
            r.leakedPerCase === null ? '-' : `${r.leakedPerCase} (of ${r.cases} calls)`,
            r.leakedStress === null ? '-' : String(r.leakedStress),
            r.callsStress,
            r.exhausted === null ? '-' : String(r.exhausted),
            r.pool,
            r.server,
          ],
    );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    'leakproof e2e — connections leaked per library and style (original must leak, every rewrite must leak 0)',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
