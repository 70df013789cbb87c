// "Ignore <code> for this operation": an inline `x-lint-ignore: [code]` the engine honours on
// an operation, a path item or the document root (server/src/engine/suppressions.ts).
import type { JsonPath } from '../types';
import { appendItem, setValue } from './edit-ops';
import { getIn, isObject } from '../openapi';
import type { Fixer } from './plan';

function suppressionTarget(path: JsonPath, operationPath: JsonPath | undefined): { at: JsonPath; label: string } {
  if (operationPath) return { at: operationPath, label: 'operation' };
  if (path[0] === 'paths' && path.length >= 2) return { at: path.slice(0, 2), label: 'path' };
  return { at: [], label: 'document' };
}

export const fixIgnore: Fixer = (ctx) => {
  const code = ctx.finding.code;
  const { at, label } = suppressionTarget(ctx.finding.path, ctx.operationPath);
  if (!isObject(getIn(ctx.data, at))) return [];
  const listPath = [...at, 'x-lint-ignore'];
  const existing = getIn(ctx.data, listPath);
  const list = Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : [];
  if (list.some((item) => item === code || (isObject(item) && item.rule === code))) return [];
  return [
    {
      title: `Ignore ${code} for this ${label}`,
      id: `${code}/ignore`,
      safe: false,
      ops: [Array.isArray(existing) ? appendItem(listPath, code) : setValue(listPath, [...list, code])],
    },
  ];
};
