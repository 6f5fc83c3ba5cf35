// Where a module's functions begin and end, read from its text without a parse: the brackets that pair up
// once strings, comments, template literals and regular expressions are stepped over. The project index asks
// it whether a call on a parameter's name lies inside that parameter's function (moduleText.onParameter), a
// test run on hundreds of large modules where a parse is what the test is there to avoid. Whenever the text
// is not understood (brackets that do not pair, JSX), the answer is null and the caller assumes the call may.

/** Per opening bracket (`(`, `[`, `{`) its closing one, and per position the innermost group around it. */
export interface Brackets {
  /** Index of an opening bracket → index of its closing bracket. */
  close: BracketPairs;
  /** Openings in text order (for the innermost group around a position). */
  opens: number[];
}

// After one of these a `/` begins a regular expression, not a division.
const BEFORE_REGEX = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

/** Opening → closing bracket, per position of the text (a Map of thousands of entries per large module costs more). */
export class BracketPairs {
  // The closing position plus one, at each opening position; 0 elsewhere.
  private readonly at: Int32Array;
  constructor(length: number) {
    this.at = new Int32Array(length + 1);
  }
  set(open: number, close: number): void {
    this.at[open] = close + 1;
  }
  get(open: number): number | undefined {
    const v = open >= 0 && open < this.at.length ? this.at[open] : 0;
    return v ? v - 1 : undefined;
  }
  has(open: number): boolean {
    return this.get(open) !== undefined;
  }
}

// Character codes the scan below compares against (it runs over every character of hundreds of large modules).
const C = { tab: 9, lf: 10, cr: 13, space: 32, quote2: 34, dollar: 36, quote1: 39, lparen: 40, rparen: 41, star: 42, plus: 43, minus: 45, slash: 47, lbracket: 91, backslash: 92, rbracket: 93, backtick: 96, lbrace: 123, rbrace: 125 };
/** `[\w$]` by character code. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /[\w$]/.test(String.fromCharCode(c)) ? 1 : 0;
/** A character code of `[\w$]`. */
export const isWord = (c: number): boolean => c < 128 && WORD[c] === 1;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
// What came last before the current position, as far as a `/` after it goes: the start of an expression
// (a regular expression follows), or the end of an operand (a division follows).
const STARTS_EXPRESSION = new Uint8Array(128);
for (const ch of BEFORE_REGEX) STARTS_EXPRESSION[ch.charCodeAt(0)] = 1;
const LAST_NONE = -1;
const LAST_OPERAND = -2;
const LAST_KEYWORD = -3;
/** Keywords after which a `/` begins a regular expression, by length (a word is sliced only when one may match). */
const KEYWORD_LENGTHS = new Set([...KEYWORDS_BEFORE_REGEX].map((k) => k.length));

// The index asks of the same large texts several times (which may park on the request, which acquire on a
// parameter, once as a run's file and once as an import): their pairs are kept, up to a bound on the text read.
const known = new Map<string, Brackets | null>();
let knownChars = 0;
const KNOWN_CHARS = 4_000_000;

/** The text's bracket pairs, or null when they do not pair up (the text is not read the way a parser would). */
export function bracketsOf(text: string): Brackets | null {
  const hit = known.get(text);
  if (hit !== undefined) return hit;
  const b = pairsOf(text);
  if (text.length <= KNOWN_CHARS) {
    for (const [t] of known) {
      if (knownChars + text.length <= KNOWN_CHARS) break;
      known.delete(t);
      knownChars -= t.length;
    }
    known.set(text, b);
    knownChars += text.length;
  }
  return b;
}

/** Where the scan goes on after a template literal's text (template's answer): the position, and what came last. */
const resumed = { at: 0, last: LAST_NONE };

/**
 * A template literal's text from `i` (just after its backtick, or after the `}` closing a `${`), to the
 * position after its closing backtick or into a `${` (its `{` pushed): `resumed` says which; false at the
 * text's end. (A function of its own, not a closure over pairsOf's position: a variable a closure shares
 * lives on the heap, and the scan's position is read at every character.)
 */
function template(text: string, i: number, stackAt: number[], stackCh: number[], opens: number[]): boolean {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.backslash) i += 2;
    else if (c === C.backtick) {
      resumed.at = i + 1;
      resumed.last = LAST_OPERAND;
      return true;
    } else if (c === C.dollar && text.charCodeAt(i + 1) === C.lbrace) {
      stackAt.push(i + 1);
      stackCh.push(C.dollar);
      opens.push(i + 1);
      resumed.at = i + 2;
      resumed.last = C.lbrace;
      return true;
    } else i++;
  }
  return false;
}

function pairsOf(text: string): Brackets | null {
  const close = new BracketPairs(text.length);
  const opens: number[] = [];
  // The open brackets (their positions and characters; `$` for the `${` of a template literal, which a `}` closes to resume the template).
  const stackAt: number[] = [];
  const stackCh: number[] = [];
  // The last significant character's code before the current position, or one of the LAST_* markers.
  let last = LAST_NONE;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.space || c === C.tab || c === C.lf || c === C.cr) {
      i++;
      continue;
    }
    if (c === C.slash) {
      const next = text.charCodeAt(i + 1);
      if (next === C.slash) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      if (next === C.star) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return null;
        i = end + 2;
        continue;
      }
    }
    if (c === C.quote2 || c === C.quote1) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === c) break;
        if (d === C.lf) return null;
        i += d === C.backslash ? 2 : 1;
      }
      if (i >= n) return null;
      i++;
      last = LAST_OPERAND;
      continue;
    }
    if (c === C.backtick) {
      if (!template(text, i + 1, stackAt, stackCh, opens)) return null;
      ({ at: i, last } = resumed);
      continue;
    }
    if (c === C.slash && (last === LAST_NONE || last === LAST_KEYWORD || (last >= 0 && last < 128 && STARTS_EXPRESSION[last] === 1))) {
      i++;
      let inClass = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (!inClass && d === C.slash) break;
        if (d === C.lf) return null;
        if (d === C.lbracket) inClass = true;
        else if (d === C.rbracket) inClass = false;
        i += d === C.backslash ? 2 : 1;
      }
      if (i >= n) return null;
      i++;
      while (i < n && isLetter(text.charCodeAt(i))) i++;
      last = LAST_OPERAND;
      continue;
    }
    if (c === C.lparen || c === C.lbracket || c === C.lbrace) {
      stackAt.push(i);
      stackCh.push(c);
      opens.push(i);
      last = c;
      i++;
      continue;
    }
    if (c === C.rparen || c === C.rbracket || c === C.rbrace) {
      if (stackAt.length === 0) return null;
      const at = stackAt.pop()!;
      const ch = stackCh.pop()!;
      const want = ch === C.lparen ? C.rparen : ch === C.lbracket ? C.rbracket : C.rbrace;
      if (want !== c) return null;
      close.set(at, i);
      i++;
      if (ch === C.dollar) {
        if (!template(text, i, stackAt, stackCh, opens)) return null;
        ({ at: i, last } = resumed);
        continue;
      }
      last = c;
      continue;
    }
    if (isWord(c)) {
      const start = i;
      while (i < n && isWord(text.charCodeAt(i))) i++;
      // A word that is a name or a number: a `/` after it divides; after some keywords it begins a regex.
      last = KEYWORD_LENGTHS.has(i - start) && KEYWORDS_BEFORE_REGEX.has(text.slice(start, i)) ? LAST_KEYWORD : LAST_OPERAND;
      continue;
    }
    // `++`/`--` end an operand as often as they begin one; a `/` after them is taken as a division.
    if ((c === C.plus || c === C.minus) && text.charCodeAt(i + 1) === c) {
      i += 2;
      last = LAST_OPERAND;
      continue;
    }
    last = c;
    i++;
  }
  return stackAt.length === 0 ? { close, opens } : null;
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
