// Where the exposure pass's findings and operations are in the text, given the same way the complete lint
// gives them: a finding on the key of what it is about (see key-ranges.ts), an operation from its key to the
// end of its body (hover, CodeLens). YAML: from Spectral's parse of the document, as the complete lint.
// JSON: from one scan of the text (json-locator), without Spectral's position-tracking parse.
import type { Document } from '@stoplight/spectral-core';
import type { JsonPath, Range } from '../types';
import { KeyRanges } from '../key-ranges';
import { DOCUMENT_START } from '../document-findings';
import { LineIndex } from './line-index';
import { jsonValueSpans } from './json-locator';
import { jsonKeyAndValueRanges, narrowJsonRanges } from './json-key-ranges';

export interface ExposureLocator {
  /** The range the complete lint shows for a finding at each path; undefined when one of them cannot be known. */
  findingRanges(paths: readonly JsonPath[]): Range[] | undefined;
  /** Each operation's key and body (DOCUMENT_START where it is not found); undefined when they cannot be known. */
  operationRanges(paths: readonly JsonPath[]): Range[] | undefined;
  /** Told the operations' paths before findingRanges, so a locator that scans the text finds both in one scan. */
  expectOperations?(paths: readonly JsonPath[]): void;
}

/** Positions from a Spectral Document (its syntax tree), exactly as the complete lint computes them. */
export function documentLocator(document: Pick<Document, 'getRangeForJsonPath'>): ExposureLocator {
  let keyRanges: KeyRanges | undefined | null = null;
  const keys = () => (keyRanges === null ? (keyRanges = KeyRanges.of(document as Document)) : keyRanges);
  return {
    findingRanges: (paths) =>
      paths.map((path) => {
        const range = document.getRangeForJsonPath(path as JsonPath, true) ?? DOCUMENT_START;
        return keys()?.findingRange(path as JsonPath, range) ?? range;
      }),
    operationRanges: (paths) =>
      paths.map((path) => {
        const body = document.getRangeForJsonPath(path as JsonPath, true);
        const keyRanges = keys();
        return (body && keyRanges ? keyRanges.keyAndValueRange(path as JsonPath, body) : body) ?? DOCUMENT_START;
      }),
  };
}

/**
 * Positions in plain JSON text. The operations' paths are told up front so that one scan of the text finds
 * them together with the findings' (the scan is most of the cost on a 13 MB document).
 */
export class JsonTextLocator implements ExposureLocator {
  private readonly lines: LineIndex;
  private operationPaths: readonly JsonPath[] = [];
  private operationSpans: Array<[number, number] | undefined> | undefined;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  expectOperations(paths: readonly JsonPath[]): void {
    this.operationPaths = paths;
  }

  findingRanges(paths: readonly JsonPath[]): Range[] | undefined {
    const spans = jsonValueSpans(this.text, [...paths, ...this.operationPaths]);
    this.operationSpans = spans.slice(paths.length);
    const found = spans.slice(0, paths.length);
    if (found.some((span) => span === undefined)) return undefined;
    return narrowJsonRanges(this.text, paths, found as Array<[number, number]>, this.lines);
  }

  operationRanges(paths: readonly JsonPath[]): Range[] {
    const spans = paths === this.operationPaths && this.operationSpans ? this.operationSpans : jsonValueSpans(this.text, paths);
    return jsonKeyAndValueRanges(this.text, spans, this.lines).map((range) => range ?? DOCUMENT_START);
  }
}
