// Where a module's functions begin and end, read from its text without a parse: the brackets that pair up
// once strings, comments, template literals and regular expressions are stepped over. The project index asks
// it whether a call on a parameter's name lies inside that parameter's function (moduleText.onParameter), a
// test run on hundreds of large modules where a parse is what the test is there to avoid. Whenever the text
// is not understood (brackets that do not pair, JSX), the answer is null and the caller assumes the call may.

/** Per opening bracket (`(`, `[`, `{`) its closing one, and per position the innermost group around it. */
export interface Brackets {
  /** Index of an opening bracket → index of its closing bracket. */
  close: Map<number, number>;
  /** Openings in text order (for the innermost group around a position). */
  opens: number[];
}

// After one of these a `/` begins a regular expression, not a division.
const BEFORE_REGEX = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

/** The text's bracket pairs, or null when they do not pair up (the text is not read the way a parser would). */
export function bracketsOf(text: string): Brackets | null {
  const close = new Map<number, number>();
  const opens: number[] = [];
  // The open brackets, and for each `${` of a template literal the marker that a `}` resumes the template.
  const stack: { at: number; ch: string }[] = [];
  let last = ''; // the last significant character (or word) before the current position
  let i = 0;
  const n = text.length;
  const template = (): boolean => {
    // From just after a backtick (or a `}` closing `${`): to the closing backtick, or into a `${`.
    while (i < n) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        last = '`';
        return true;
      } else if (c === '$' && text[i + 1] === '{') {
        stack.push({ at: i + 1, ch: '${' });
        opens.push(i + 1);
        i += 2;
        last = '{';
        return true;
      } else i++;
    }
    return false;
  };
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\n') return null;
        i += text[i] === '\\' ? 2 : 1;
      }
      if (i >= n) return null;
      i++;
      last = 'x';
      continue;
    }
    if (c === '`') {
      i++;
      if (!template()) return null;
      continue;
    }
    if (c === '/' && (last === '' || BEFORE_REGEX.has(last) || KEYWORDS_BEFORE_REGEX.has(last))) {
      i++;
      let inClass = false;
      while (i < n && (inClass || text[i] !== '/')) {
        if (text[i] === '\n') return null;
        if (text[i] === '[') inClass = true;
        else if (text[i] === ']') inClass = false;
        i += text[i] === '\\' ? 2 : 1;
      }
      if (i >= n) return null;
      i++;
      while (i < n && /[a-z]/i.test(text[i])) i++;
      last = 'x';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      stack.push({ at: i, ch: c });
      opens.push(i);
      last = c;
      i++;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (!top) return null;
      const want = top.ch === '(' ? ')' : top.ch === '[' ? ']' : '}';
      if (want !== c) return null;
      close.set(top.at, i);
      i++;
      if (top.ch === '${') {
        if (!template()) return null;
        continue;
      }
      last = c;
      continue;
    }
    if (/[\w$]/.test(c)) {
      const start = i;
      while (i < n && /[\w$]/.test(text[i])) i++;
      last = text.slice(start, i);
      // A word that is a name or a number: a `/` after it divides.
      if (!KEYWORDS_BEFORE_REGEX.has(last)) last = 'x';
      continue;
    }
    // `++`/`--` end an operand as often as they begin one; a `/` after them is taken as a division.
    if ((c === '+' || c === '-') && text[i + 1] === c) {
      i += 2;
      last = 'x';
      continue;
    }
    last = c;
    i++;
  }
  return stack.length === 0 ? { close, opens } : null;
}

/** The opening bracket of the innermost group (of `b`) that holds `at`, or -1 at the top level. */
function enclosingOpen(b: Brackets, at: number): number {
  let lo = 0;
  let hi = b.opens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b.opens[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0; k--) if (b.close.get(b.opens[k])! > at) return b.opens[k];
  return -1;
}

/** The closing bracket of the innermost group that holds `at`, or the text's end. */
function enclosingEnd(b: Brackets, at: number, textEnd: number): number {
  const open = enclosingOpen(b, at);
  return open < 0 ? textEnd : b.close.get(open)!;
}

/**
 * Is the function whose text starts at `start` (its `function`, its parameter list, or an arrow's single
 * parameter; `async` may come before) an argument in parentheses: `f((a) => …)`, `g(x, function (a) {…})`?
 */
export function isArgument(text: string, b: Brackets, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text.slice(Math.max(0, i - 4), i + 1) === 'async' && !/[\w$]/.test(text[i - 5] ?? '')) {
    i -= 5;
    while (i >= 0 && /\s/.test(text[i])) i--;
  }
  if (text[i] !== '(' && text[i] !== ',') return false;
  const open = enclosingOpen(b, start);
  return open >= 0 && text[open] === '(';
}

/**
 * The span of the body of the function whose parameter list opens at `paren` (`(`), or whose single
 * parameter without parentheses ends at `paren` (`x => …`): from its `{` to its `}`, or an arrow's expression
 * body up to the end of the group that holds it. Null when the text after the list is not understood.
 */
export function bodySpan(text: string, b: Brackets, paren: number, bare = false): [number, number] | null {
  let i = bare ? paren : b.close.get(paren);
  if (i === undefined) return null;
  i++;
  const skipSpace = (at: number) => {
    while (at < text.length && /\s/.test(text[at])) at++;
    return at;
  };
  i = skipSpace(i);
  const arrow = (at: number): [number, number] | null => {
    const start = skipSpace(at + 2);
    if (text[start] !== '{') return [start, enclosingEnd(b, start, text.length)];
    const end = b.close.get(start);
    return end === undefined ? null : [start, end];
  };
  if (text[i] === '=' && text[i + 1] === '>') return arrow(i);
  if (text[i] === '{') {
    const end = b.close.get(i);
    return end === undefined ? null : [i, end];
  }
  if (text[i] !== ':') return null;
  // A return type (`): Promise<T> {`, `): { a: T } =>`): groups are stepped over, angle brackets counted.
  let angles = 0;
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === '=' && text[i + 1] === '>' && angles === 0) return arrow(i);
    if (c === '{' && angles === 0) {
      // An object type, when a body (or an arrow, a union, an array) follows it.
      const end = b.close.get(i);
      if (end === undefined) return null;
      const j = skipSpace(end + 1);
      if (text[j] === '{' || (text[j] === '=' && text[j + 1] === '>') || text[j] === '|' || text[j] === '&' || text[j] === '[') {
        i = end;
        continue;
      }
      return [i, end];
    }
    if (c === '(' || c === '[' || c === '{') {
      const end = b.close.get(i);
      if (end === undefined) return null;
      i = end;
      continue;
    }
    if (c === '<') angles++;
    else if (c === '>' && text[i - 1] !== '=') angles = Math.max(0, angles - 1);
    else if (c === ';' || c === ')' || c === '}' || c === ']') return null;
  }
  return null;
}
