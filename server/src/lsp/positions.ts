// Offset ↔ position conversion happens here only, through the TextDocument of
// vscode-languageserver-textdocument, so UTF-16 and line-ending subtleties are handled once.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Range, TextEdit } from '../engine/types';

/** Engine ranges are already 0-based line/character; this only copies them into a fresh LSP object. */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** Engine edits are by offset in the text the fix was computed from (the document's current text). */
export function toLspTextEdits(document: TextDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.newText,
  }));
}

/** The engine's: a position inside a range, ends included. */
export { rangeContains } from '../engine/operation-findings';

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
