// Loads `__testfixtures__/<transform>/<case>.input.<ext>` with its expected output and findings.
//   // options: {"adapter":"stack"}          transform options for this case
//   // expect: reported returned             one line per expected finding that is not a fix
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TransformOptions } from '../../src/core/model';

export const FIXTURE_ROOT = path.resolve(__dirname, '../../__testfixtures__');

export interface FixtureCase {
  name: string;
  inputPath: string;
  outputPath: string;
  input: string;
  output: string;
  options: TransformOptions;
  expected: { outcome: string; reasonId: string }[];
}

export function loadFixtures(transform: string): FixtureCase[] {
  const dir = path.join(FIXTURE_ROOT, transform);
  const cases: FixtureCase[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    const m = /^(.*)\.input\.(\w+)$/.exec(file);
    if (!m) continue;
    const inputPath = path.join(dir, file);
    const outputPath = path.join(dir, `${m[1]}.output.${m[2]}`);
    const input = fs.readFileSync(inputPath, 'utf8');
    const options = /^\/\/ options: (.*)$/m.exec(input);
    const expected = [...input.matchAll(/^\/\/ expect: (fixed|modernized|reported) ([\w-]+)/gm)].map((e) => ({ outcome: e[1], reasonId: e[2] }));
    cases.push({
      name: `${m[1]}.${m[2]}`,
      inputPath,
      outputPath,
      input,
      output: fs.readFileSync(outputPath, 'utf8'),
      options: options ? JSON.parse(options[1]) : {},
      expected,
    });
  }
  return cases;
}
