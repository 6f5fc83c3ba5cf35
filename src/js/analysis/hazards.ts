// What a callback would change: the body of a lifecycle moved into `async (x) => { … }` must not yield,
// jump out of itself, or (unless the caller allows it) return.
import { isFunction, type Node } from './ast';
import type { ReasonId } from './reasons';

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** The first construct in `statements` whose meaning a callback would change, if any. */
export function callbackHazard(statements: Node[], allowReturn: boolean): ReasonId | null {
  let hazard: ReasonId | null = null;
  const visit = (node: Node, labels: string[], loops: number, switches: number): void => {
    if (hazard || !node || typeof node.type !== 'string') return;
    if (isFunction(node) || node.type === 'ClassBody') return;
    switch (node.type) {
      case 'YieldExpression':
        hazard = 'callback-yield';
        return;
      case 'ReturnStatement':
        if (!allowReturn) hazard = 'callback-return';
        break;
      case 'BreakStatement':
        if (node.label ? !labels.includes(node.label.name) : loops === 0 && switches === 0) hazard = 'callback-jump';
        return;
      case 'ContinueStatement':
        if (node.label ? !labels.includes(node.label.name) : loops === 0) hazard = 'callback-jump';
        return;
    }
    const nextLabels = node.type === 'LabeledStatement' ? [...labels, node.label.name] : labels;
    const nextLoops = LOOPS.has(node.type) ? loops + 1 : loops;
    const nextSwitches = node.type === 'SwitchStatement' ? switches + 1 : switches;
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'extra') continue;
      const v = node[key];
      if (Array.isArray(v)) v.forEach((c) => visit(c, nextLabels, nextLoops, nextSwitches));
      else if (v && typeof v.type === 'string') visit(v, nextLabels, nextLoops, nextSwitches);
    }
  };
  for (const s of statements) visit(s, [], 0, 0);
  return hazard;
}
