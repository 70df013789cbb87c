// Small helpers the report formats share.
import type { Inventory, InventoryOperation } from '../engine/exposure/inventory';

export interface ReportFormatOptions {
  toolVersion?: string;
}

export type ReportFormatter = (inventory: Inventory, options: ReportFormatOptions) => string;

/** Scores are kept exact and shown as whole numbers; "–" when there is nothing to score. */
export function shownScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : String(Math.round(score));
}

export function operationName(op: Pick<InventoryOperation, 'method' | 'path'>): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function headline(inventory: Inventory): string {
  const ops = inventory.documents.reduce((n, d) => n + d.operations.length, 0);
  return `${plural(ops, 'operation')} in ${plural(inventory.documents.length, 'document')}, overall readiness ${shownScore(inventory.score)}/100`;
}

export const SCORE_FORMULA =
  'operation score = 100 × passed / applicable exposure requirements for its audience; document and overall scores per audience = mean of their operations’ scores';
