// Hover and CodeLens answer from the latest lint, which may describe an older version of the document (the user
// typed since). Its positions are mapped to the current text, or dropped: never shown where they no longer apply.
// The two texts are compared once: what precedes the first difference keeps its position, what follows the last
// one shifts by the change in length, and anything inside the changed region has no position (until the re-lint).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../engine/types';
import type { DocumentLint } from './lint-results';

export interface LintedView {
  lint: DocumentLint;
  /** A position of the linted text in the current text; undefined inside the region that changed. */
  toCurrent(position: Position): Position | undefined;
  /** A position of the current text in the linted text; undefined inside the region that changed. */
  toLinted(position: Position): Position | undefined;
}

export function rangeToCurrent(view: LintedView, range: Range): Range | undefined {
  const start = view.toCurrent(range.start);
  const end = view.toCurrent(range.end);
  return start && end ? { start, end } : undefined;
}

const identity = (position: Position) => position;
const cache = new WeakMap<DocumentLint, { version: number; view: LintedView }>();

export function lintedView(lint: DocumentLint, current: TextDocument): LintedView {
  if (lint.version === current.version) return { lint, toCurrent: identity, toLinted: identity };
  const cached = cache.get(lint);
  if (cached?.version === current.version) return cached.view;
  const view = shiftedView(lint, current);
  cache.set(lint, { version: current.version, view });
  return view;
}

function shiftedView(lint: DocumentLint, current: TextDocument): LintedView {
  const oldText = lint.text;
  const newText = current.getText();
  const linted = TextDocument.create(current.uri, current.languageId, lint.version, oldText);
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix))
    suffix++;
  const oldChangeEnd = oldText.length - suffix;
  const newChangeEnd = newText.length - suffix;
  const delta = newText.length - oldText.length;
  // Offsets up to the first difference stay; offsets from the end of the changed region on shift by `delta`.
  const map = (offset: number, changeEnd: number, shift: number) =>
    offset < prefix ? offset : offset >= changeEnd ? offset + shift : undefined;
  return {
    lint,
    toCurrent(position) {
      const offset = map(linted.offsetAt(position), oldChangeEnd, delta);
      return offset === undefined ? undefined : current.positionAt(offset);
    },
    toLinted(position) {
      const offset = map(current.offsetAt(position), newChangeEnd, -delta);
      return offset === undefined ? undefined : linted.positionAt(offset);
    },
  };
}
