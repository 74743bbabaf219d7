import type { Word } from './shell-words';

/**
 * The expansions the local shell performs on a word, in bash's order
 * (bash(1), EXPANSION): brace expansion, then parameter expansion of the
 * variables of enclosing `for` loops, then word splitting of what an unquoted
 * parameter expanded to (on spaces, tabs and newlines: IFS is never set), and
 * quote removal (already done by the lexer). Brace expansion depends on the
 * text alone, never on a parameter's value, so the parser performs it, and a
 * command whose braces would expand too far is refused before anything runs.
 * Pathname expansion is not performed: `*`, `?` and `[` stay as written, as
 * bash leaves a pattern that matches no file.
 */

/** One character of a word (`''` for the mark an empty pair of quotes leaves), or a parameter. */
export type Atom = { readonly kind: 'char'; readonly char: string; readonly quoted: boolean } | { readonly kind: 'parameter'; readonly name: string; readonly quoted: boolean };

/** A word after brace expansion: one or more words, each a row of atoms. */
export type BracedWords = readonly (readonly Atom[])[];

/** More words than this from one brace expansion are refused rather than made. */
export const MAX_BRACE_WORDS = 100_000;

export class BraceExpansionTooLarge extends Error {}

const atomsOf = (word: Word): Atom[] =>
  word.parts.flatMap((part): Atom[] => {
    if (part.kind === 'parameter') return [{ kind: 'parameter', name: part.name, quoted: part.quoted }];
    if (part.text === '') return [{ kind: 'char', char: '', quoted: true }];
    return [...part.text].map((char) => ({ kind: 'char', char, quoted: part.quoted }));
  });

const isUnquoted = (atom: Atom | undefined, char: string): boolean => atom?.kind === 'char' && !atom.quoted && atom.char === char;

/** The unquoted `}` that closes the `{` at `open`, braces nesting; -1 when none does. */
function closingBrace(atoms: readonly Atom[], open: number): number {
  let depth = 0;
  for (let k = open; k < atoms.length; k++) {
    if (isUnquoted(atoms[k], '{')) depth++;
    else if (isUnquoted(atoms[k], '}') && --depth === 0) return k;
  }
  return -1;
}

/** The alternatives of `{a,b,…}`: the text split at its unquoted commas outside nested braces. */
function alternatives(inner: readonly Atom[]): Atom[][] {
  const parts: Atom[][] = [[]];
  let depth = 0;
  for (const atom of inner) {
    if (isUnquoted(atom, '{')) depth++;
    if (isUnquoted(atom, '}')) depth--;
    if (depth === 0 && isUnquoted(atom, ',')) parts.push([]);
    else parts.at(-1)?.push(atom);
  }
  return parts;
}

const unquotedText = (atoms: readonly Atom[]): string | undefined =>
  atoms.every((atom) => atom.kind === 'char' && !atom.quoted) ? atoms.map((atom) => (atom.kind === 'char' ? atom.char : '')).join('') : undefined;

const textAtoms = (text: string): Atom[] => [...text].map((char) => ({ kind: 'char', char, quoted: false }));

function countedTerms(from: number, to: number, step: number): number[] {
  const count = Math.floor(Math.abs(to - from) / step) + 1;
  if (count > MAX_BRACE_WORDS) throw new BraceExpansionTooLarge(`brace expansions of more than ${MAX_BRACE_WORDS} words are not simulated by the local cloud`);
  const direction = to >= from ? 1 : -1;
  return Array.from({ length: count }, (_, index) => from + direction * index * step);
}

/**
 * `{x..y[..incr]}` with integers or single letters: the terms from x to y
 * (down when x > y) by the increment's size, 1 when it is absent or 0;
 * integers written with a leading zero are padded to the width of the wider
 * end. Anything else is no sequence, and the braces stay as written.
 */
function sequence(inner: readonly Atom[]): Atom[][] | undefined {
  const text = unquotedText(inner);
  const numbers = text === undefined ? null : /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  const letters = text === undefined ? null : /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  const step = (increment: string | undefined): number => Math.abs(Number(increment ?? 1)) || 1;
  if (numbers) {
    const [, x = '', y = '', increment] = numbers;
    const padded = [x, y].some((end) => /^-?0\d/.test(end));
    const width = Math.max(x.length, y.length);
    const format = (n: number): string => (padded ? (n < 0 ? `-${String(-n).padStart(width - 1, '0')}` : String(n).padStart(width, '0')) : String(n));
    return countedTerms(Number(x), Number(y), step(increment)).map((n) => textAtoms(format(n)));
  }
  if (letters) {
    const [, x = '', y = '', increment] = letters;
    return countedTerms(x.charCodeAt(0), y.charCodeAt(0), step(increment)).map((code) => textAtoms(String.fromCharCode(code)));
  }
  return undefined;
}

function expandBraces(atoms: readonly Atom[]): Atom[][] {
  for (let open = 0; open < atoms.length; open++) {
    if (!isUnquoted(atoms[open], '{')) continue;
    const close = closingBrace(atoms, open);
    if (close < 0) continue;
    const inner = atoms.slice(open + 1, close);
    const choices = alternatives(inner);
    const terms = choices.length > 1 ? choices : sequence(inner);
    if (!terms) continue;
    const [before, after] = [atoms.slice(0, open), atoms.slice(close + 1)];
    const words = terms.flatMap((term) => expandBraces([...before, ...term, ...after]));
    if (words.length > MAX_BRACE_WORDS) throw new BraceExpansionTooLarge(`brace expansions of more than ${MAX_BRACE_WORDS} words are not simulated by the local cloud`);
    return words;
  }
  return [[...atoms]];
}

/**
 * Brace expansion (bash(1), Brace Expansion): the first unquoted `{…}` with
 * a comma at its top level, or holding a sequence expression, becomes one
 * word per alternative or term, preamble and postscript around each, and
 * each of those is expanded again; braces of any other form are left as they
 * are. Throws BraceExpansionTooLarge past MAX_BRACE_WORDS words.
 */
export const braceExpand = (word: Word): BracedWords => expandBraces(atomsOf(word));

/** The names of the parameters a word expands. */
export const parametersOf = (words: BracedWords): string[] =>
  words.flatMap((atoms) => atoms.flatMap((atom) => (atom.kind === 'parameter' ? [atom.name] : [])));

/**
 * The fields one brace-expanded word gives once its parameters expand: a
 * quoted parameter's value stays within its field; an unquoted one's is split
 * at runs of spaces, tabs and newlines, and expands to no field at all when
 * empty (bash(1), Word Splitting). A quoted empty string is one empty field.
 */
function fieldsOf(atoms: readonly Atom[], variables: ReadonlyMap<string, string>): string[] {
  const fields: string[] = [];
  let current = '';
  let started = false;
  for (const atom of atoms) {
    if (atom.kind === 'char') {
      current += atom.char;
      started = true;
      continue;
    }
    const value = variables.get(atom.name) ?? '';
    if (atom.quoted) {
      current += value;
      started = true;
      continue;
    }
    value.split(/[ \t\n]+/).forEach((piece, index) => {
      if (index > 0 && started) fields.push(current);
      if (index > 0) [current, started] = ['', false];
      if (piece !== '') [current, started] = [current + piece, true];
    });
  }
  if (started) fields.push(current);
  return fields;
}

/** The fields a list of brace-expanded words gives, in order: a command's arguments, a `for` loop's items. */
export const expandWords = (words: readonly BracedWords[], variables: ReadonlyMap<string, string>): string[] =>
  words.flatMap((braced) => braced.flatMap((atoms) => fieldsOf(atoms, variables)));
