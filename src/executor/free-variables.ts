// A small scanner that names the free variables of a function's source: the outer variables a task
// function closes over, which do not exist in the worker it is sent to. It tokenizes (strings,
// templates, regexes and comments skipped), collects the names the function declares (parameters,
// let/const/var, functions, classes, catch bindings) and reports the other identifiers that are not
// globals. Scopes are flattened, so it can miss a free variable (never invent one from valid code).

type Tok = { t: 'id' | 'p' | 'lit'; v: string };

const ID_START = /[A-Za-z_$\u0080-\uffff]/;
const ID_PART = /[\w$\u0080-\uffff]/;
const KEYWORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else export extends finally for function if import ' +
    'in instanceof let new return super switch this throw try typeof var void while with yield async await of static get ' +
    'set true false null undefined arguments NaN Infinity'
  ).split(' '),
);
const PUNCT3 = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??='];
const PUNCT2 = [
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
];

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const braces: boolean[] = []; // true: this '{' opened a template `${`
  let i = 0;
  const n = src.length;
  const regexAllowed = (): boolean => {
    const last = toks[toks.length - 1];
    if (!last) return true;
    if (last.t === 'lit') return false;
    if (last.t === 'id') return KEYWORDS.has(last.v) && !['this', 'super', 'true', 'false', 'null', 'undefined'].includes(last.v);
    return ![')', ']', '}'].includes(last.v);
  };
  const template = (): void => {
    // i is just after '`' or a closing '}' of `${...}`
    while (i < n) {
      const c = src[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        toks.push({ t: 'lit', v: '`' });
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        i += 2;
        braces.push(true);
        toks.push({ t: 'p', v: '(' });
        return;
      } else i++;
    }
  };
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
      i++;
      toks.push({ t: 'lit', v: 's' });
      continue;
    }
    if (c === '`') {
      i++;
      template();
      continue;
    }
    if (c === '/' && regexAllowed()) {
      i++;
      let inClass = false;
      while (i < n && (inClass || src[i] !== '/')) {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        i++;
      }
      i++;
      while (i < n && ID_PART.test(src[i])) i++;
      toks.push({ t: 'lit', v: 'r' });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < n && /[\w.]/.test(src[i])) i++;
      toks.push({ t: 'lit', v: '0' });
      continue;
    }
    if (c === '#' && ID_START.test(src[i + 1] ?? '')) {
      // private name: a property, never a variable
      i++;
      while (i < n && ID_PART.test(src[i])) i++;
      toks.push({ t: 'lit', v: '#' });
      continue;
    }
    if (ID_START.test(c)) {
      const s = i;
      while (i < n && ID_PART.test(src[i])) i++;
      toks.push({ t: 'id', v: src.slice(s, i) });
      continue;
    }
    if (c === '{') {
      braces.push(false);
      toks.push({ t: 'p', v: '{' });
      i++;
      continue;
    }
    if (c === '}') {
      i++;
      if (braces.pop()) {
        toks.push({ t: 'p', v: ')' });
        template();
      } else toks.push({ t: 'p', v: '}' });
      continue;
    }
    const p = PUNCT3.find((x) => src.startsWith(x, i)) ?? PUNCT2.find((x) => src.startsWith(x, i)) ?? c;
    if (p === '?.' && /[0-9]/.test(src[i + 2] ?? '')) {
      toks.push({ t: 'p', v: '?' });
      i++;
      continue;
    }
    toks.push({ t: 'p', v: p });
    i += p.length;
  }
  return toks;
}

/** Index of the token that closes the bracket opened at `open`. */
function closing(toks: Tok[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    const v = toks[j].t === 'p' ? toks[j].v : '';
    if (v === '(' || v === '[' || v === '{') depth++;
    else if (v === ')' || v === ']' || v === '}') if (--depth === 0) return j;
  }
  return toks.length - 1;
}

function declareRange(toks: Tok[], from: number, to: number, declared: Set<string>): void {
  for (let j = from; j <= to; j++) if (toks[j].t === 'id') declared.add(toks[j].v);
}

const STATEMENT = new Set(['return', 'if', 'for', 'while', 'do', 'let', 'const', 'var', 'function', 'class', 'throw', 'try', 'switch']);

/** Declarator names after let/const/var: up to each initializer; a depth-0 ',' starts the next declarator. */
function declareBindings(toks: Tok[], from: number, declared: Set<string>): void {
  let naming = true;
  let depth = 0;
  for (let k = from; k < toks.length; k++) {
    const { t, v } = toks[k];
    if (t === 'p') {
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (--depth < 0) return;
      } else if (depth === 0 && v === '=') naming = false;
      else if (depth === 0 && v === ',') naming = true;
      else if (depth === 0 && v === ';') return;
    } else if (t === 'id' && depth === 0 && (v === 'of' || v === 'in' || (!naming && STATEMENT.has(v)))) {
      return;
    } else if (t === 'id' && naming && toks[k + 1]?.v !== ':') {
      declared.add(v);
    }
  }
}

/** The identifiers `source` (a function's source text) uses without declaring them, minus `known` names. */
export function freeVariables(source: string, known: (name: string) => boolean): string[] {
  const toks = tokenize(source);
  const declared = new Set<string>();
  const refs: string[] = [];
  for (let j = 0; j < toks.length; j++) {
    const tok = toks[j];
    const prev = toks[j - 1];
    const next = toks[j + 1];
    if (tok.t === 'p' && tok.v === '(') {
      const end = closing(toks, j);
      const after = toks[end + 1];
      const before = prev?.t === 'id' ? prev.v : '';
      const isParams =
        after?.v === '=>' ||
        before === 'catch' ||
        before === 'function' ||
        toks[j - 2]?.v === 'function' ||
        (after?.v === '{' && prev?.t === 'id' && !['if', 'for', 'while', 'switch', 'with'].includes(before));
      if (isParams) declareRange(toks, j + 1, end, declared);
      continue;
    }
    if (tok.t !== 'id') continue;
    if (prev && prev.t === 'p' && (prev.v === '.' || prev.v === '?.')) continue; // property access
    if (next?.v === ':' && (!prev || ['{', ',', ';', '}'].includes(prev.v))) continue; // object key or label
    if (prev?.v === 'break' || prev?.v === 'continue') continue; // label
    if (next?.v === '=>') {
      declared.add(tok.v);
      continue;
    }
    if (prev?.v === 'function' || prev?.v === 'class' || (prev?.v === '*' && toks[j - 2]?.v === 'function')) {
      declared.add(tok.v);
      continue;
    }
    if (next?.v === '(' && toks[closing(toks, j + 1) + 1]?.v === '{' && !KEYWORDS.has(tok.v)) continue; // method name
    if (tok.v === 'let' || tok.v === 'const' || tok.v === 'var') declareBindings(toks, j + 1, declared);
    if (KEYWORDS.has(tok.v)) continue;
    refs.push(tok.v);
  }
  const free = new Set<string>();
  for (const r of refs) if (!declared.has(r) && !known(r)) free.add(r);
  return [...free];
}
