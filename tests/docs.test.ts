// docs/ is made from the code (the reason tables, the transforms' header comments, the catalogues, the
// flags): it must be current, and every reason a transform can give must be in it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocs, packageRoot, staleDocs } from '../src/docs/generate';
import { FRONTENDS } from '../src/registry';

describe('generated docs', () => {
  it('are current (run `npm run docs` after changing a reason, a transform header, the catalogue or a flag)', () => {
    expect(staleDocs()).toEqual([]);
  });

  it('list every reason of every transform, and every flag', () => {
    const pages = generateDocs();
    const reasons = pages.get('reasons.md')!;
    for (const f of FRONTENDS) for (const t of f.transforms) for (const id of Object.keys(t.meta.reasons)) expect(reasons, `${t.meta.name}/${id}`).toContain(`| \`${id}\` |`);
    expect(pages.get('flags.md')).toContain('| `--modernize` |');
    for (const f of FRONTENDS) for (const t of f.transforms) expect(pages.has(`transforms/${t.meta.name}.md`)).toBe(true);
  });

  it('README stays short and links every generated page', () => {
    const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    for (const page of generateDocs().keys()) if (page !== 'README.md') expect(readme, page).toContain(`docs/${page}`);
  });
});
