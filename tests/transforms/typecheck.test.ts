// Every fixture, input and output, must type-check against the real driver packages (rule 3: output
// compiles where the input did). One program for all of them keeps this to a few seconds.
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FAMILIES, FIXTURE_ROOT, loadCases } from '../fixtures/runner';

describe('fixtures type-check with tsc', () => {
  it(`compiles with TypeScript ${ts.version}`, () => {
    expect(Number(ts.versionMajorMinor)).toBeGreaterThanOrEqual(5.2);
    const configPath = path.join(FIXTURE_ROOT, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, FIXTURE_ROOT);
    // Every expected output of every case is in the program (the lifecycles family has one per style).
    const outputs = FAMILIES.flatMap((f) => loadCases(f.name)).flatMap((c) => c.styles.map((s) => s.outputPath)).filter((f): f is string => !!f && f.endsWith('.ts'));
    expect(outputs.length).toBeGreaterThan(250);
    const inProgram = new Set(parsed.fileNames.map((f) => path.resolve(f)));
    expect(outputs.filter((f) => !inProgram.has(f))).toEqual([]);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(FIXTURE_ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  }, 120_000);
});
