// `leakproof doctor [path]`: print the facts for every package root the path reaches.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gatherFacts } from './facts';
import { renderDoctorJson, renderDoctorText } from './print';

interface Out {
  write(s: string): unknown;
}

/** Exit code: 0 when facts were printed, 2 when the path does not exist or reaches no package. */
export function runDoctor(target: string, json: boolean, io: { cwd: string; stdout: Out; stderr: Out }): number {
  if (!fs.existsSync(path.resolve(io.cwd, target))) {
    io.stderr.write(`leakproof: doctor: ${target}: no such file or directory\n`);
    return 2;
  }
  const facts = gatherFacts(target, io.cwd);
  if (facts.packages.length === 0) {
    io.stderr.write(`leakproof: doctor: no package.json at, above or under ${target}\n`);
    return 2;
  }
  io.stdout.write(json ? renderDoctorJson(facts) : renderDoctorText(facts));
  return 0;
}
