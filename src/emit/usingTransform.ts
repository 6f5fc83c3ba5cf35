// Placeholder while the analysis lands; replaced in the next commit.
import type { TransformOptions, TransformOutput } from '../model';
export const USING_REASONS: Record<string, string> = {};
export function runUsingTransform(_s: string, _p: string, _o: TransformOptions, _n: string): TransformOutput {
  return { source: null, findings: [] };
}
