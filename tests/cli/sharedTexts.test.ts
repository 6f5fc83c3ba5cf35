// The runner hands a pass's thread the bytes of the files the prefilter dropped in shared memory (src/cli/sharedTexts.ts):
// what the thread decodes must be exactly the text the runner decoded.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { SharedTexts, sharedText } from '../../src/cli/sharedTexts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('the dropped files handed to a pass thread as bytes', () => {
  it('gives back each text as the runner decodes it: BOM, CRLF and non-ASCII kept, across chunks and for a file larger than one', () => {
    const store = new SharedTexts();
    const texts = new Map<string, string>();
    texts.set('/p/bom.ts', '\uFEFFconst a = "é";\r\n');
    // Enough files of 1 MB to fill more than one 4 MB chunk, then one larger than a chunk, then a small one.
    for (let i = 0; i < 6; i++) texts.set(`/p/big${i}.ts`, `// ${i}\n` + 'x'.repeat(1 << 20));
    texts.set('/p/huge.js', 'y'.repeat(5 << 20) + 'ü');
    texts.set('/p/empty.ts', '');
    texts.set('/p/last.ts', 'export const z = `∑`;\n');
    for (const [abs, text] of texts) store.keep(abs, bytes(text));
    const sent = store.sent();
    expect(sent.chunks.length).toBeGreaterThan(2);
    for (const [abs, text] of texts) expect(sharedText(sent, abs)).toBe(text);
    expect(sharedText(sent, '/p/not-kept.ts')).toBeNull();
    expect(sharedText(undefined, '/p/bom.ts')).toBeNull();
  });

  it('reaches a worker thread through a message without the texts being copied into it', async () => {
    const store = new SharedTexts();
    store.keep('/p/a.ts', bytes('const a = 1;\n'));
    store.keep('/p/b.ts', bytes('\uFEFFconst b = "ß";\n'));
    const code = `
      const { parentPort } = require('node:worker_threads');
      parentPort.once('message', (sent) => {
        const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        const out = {};
        for (const [abs, [c, o, n]] of Object.entries(sent.at)) out[abs] = d.decode(new Uint8Array(sent.chunks[c], o, n));
        parentPort.postMessage({ out, shared: sent.chunks.every((b) => b instanceof SharedArrayBuffer) });
      });`;
    const w = new Worker(code, { eval: true });
    const answer = await new Promise<{ out: Record<string, string>; shared: boolean }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.postMessage(store.sent());
    });
    await w.terminate();
    expect(answer.shared).toBe(true);
    expect(answer.out).toEqual({ '/p/a.ts': 'const a = 1;\n', '/p/b.ts': '\uFEFFconst b = "ß";\n' });
  });
});
