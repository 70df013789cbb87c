// Quick fixes for findings in `$ref`'d files. The fixers reason about a whole document (the root's
// security schemes, its shared responses, its root `security`), so they run on the root's data with the
// referenced part mounted where the root uses it; each edit then goes to the file that holds its target:
// the operation's own keys to the referenced file, components and root keys to the root. Local refs an
// edit writes into the referenced file are made to point back into the root. Every file keeps its style.
import * as nodePath from 'node:path';
import type { DocumentFormat, Finding, JsonPath, TextEdit } from '../types';
import { fixerFor } from './fixer-for';
import { fixIgnore } from './fix-ignore';
import { appendItem, setValue, type EditOp } from './edit-ops';
import { operationPathOf, specVersion, getIn } from '../openapi';
import type { FixContext, PlannedFix } from './plan';
import { runOps } from './plan';
import { SourceDoc, guessFormat } from './source-doc';
import { diffToEdits } from './text-edits';

export interface FileText {
  /** Absolute path. */
  file: string;
  text: string;
  format?: DocumentFormat;
}

/** A fix whose edits may span files: absolute path → edits by offset in that file's text. */
export interface MultiFileFix {
  title: string;
  id: string;
  isPreferred?: boolean;
  safe: boolean;
  edits: Record<string, TextEdit[]>;
}

/** Where the referenced file's part sits in the root: the longest common tail of the two paths ends the mount. */
export function mountOf(finding: Finding): { rootPath: JsonPath; pointer: JsonPath } | undefined {
  const rootPath = finding.rootPath;
  if (!rootPath) return undefined;
  const path = finding.path;
  let tail = 0;
  const minRoot = finding.via ? finding.via.path.length : 0;
  while (
    tail < path.length &&
    tail < rootPath.length - minRoot &&
    String(path[path.length - 1 - tail]) === String(rootPath[rootPath.length - 1 - tail])
  )
    tail++;
  return { rootPath: rootPath.slice(0, rootPath.length - tail), pointer: path.slice(0, path.length - tail) };
}

/** `data` with `value` at `path` (copies along the path only). */
function setIn(data: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const node = typeof data === 'object' && data !== null ? data : {};
  const copy: Record<string, unknown> = Array.isArray(node)
    ? ([...node] as unknown as Record<string, unknown>)
    : { ...(node as Record<string, unknown>) };
  copy[String(head)] = setIn(copy[String(head)], rest, value);
  return copy;
}

const startsWith = (path: JsonPath, prefix: JsonPath) =>
  prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));

/** `#/components/…` written into the referenced file must name the root: `../openapi.yaml#/components/…`. */
function retargetLocalRefs(value: unknown, rootRef: string): unknown {
  if (Array.isArray(value)) return value.map((item) => retargetLocalRefs(item, rootRef));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof item === 'string' && item.startsWith('#') ? rootRef + item : retargetLocalRefs(item, rootRef);
  }
  return out;
}

function rebuild(op: EditOp, path: JsonPath, value: unknown): EditOp {
  return op.spec!.kind === 'set' ? setValue(path, value) : appendItem(path, value);
}

interface Placed {
  plans: PlannedFix[];
  route(op: EditOp): { file: 'root' | 'fragment'; op: EditOp } | undefined;
}

function plan(root: SourceDoc, fragment: SourceDoc, finding: Finding, files: { root: string; fragment: string }): Placed | undefined {
  const fixer = fixerFor(finding.code);
  const mount = mountOf(finding);
  if (!mount || !finding.rootPath || !root.ok || !fragment.ok) return undefined;
  const composite = setIn(root.data, mount.rootPath, getIn(fragment.data, mount.pointer));
  const ctx: FixContext = {
    doc: root,
    data: composite,
    finding: { ...finding, path: finding.rootPath },
    version: specVersion(root.data),
    operationPath: operationPathOf(finding.rootPath),
  };
  const plans = [...(fixer ? fixer(ctx) : []), ...fixIgnore(ctx)].sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
  const relative = nodePath.relative(nodePath.dirname(files.fragment), files.root).split(nodePath.sep).join('/');
  const rootRef = relative.startsWith('.') ? relative : `./${relative}`;
  return {
    plans,
    route(op) {
      if (!op.spec) return undefined;
      const { path, value } = op.spec;
      if (!startsWith(path, mount.rootPath)) return { file: 'root', op };
      return {
        file: 'fragment',
        op: rebuild(op, [...mount.pointer, ...path.slice(mount.rootPath.length)], retargetLocalRefs(value, rootRef)),
      };
    },
  };
}

function toMultiFileFix(
  placed: Placed,
  planned: PlannedFix,
  root: FileText & { format: DocumentFormat },
  fragment: FileText & { format: DocumentFormat },
): MultiFileFix | undefined {
  const ops = { root: [] as EditOp[], fragment: [] as EditOp[] };
  for (const op of planned.ops) {
    const routed = placed.route(op);
    if (!routed && op.optional) continue; // a follow-up (sample resync) that cannot be placed across files
    if (!routed) return undefined; // an op we cannot place: offer nothing rather than half a fix
    ops[routed.file].push(routed.op);
  }
  const edits: Record<string, TextEdit[]> = {};
  for (const [which, file] of [
    ['root', root],
    ['fragment', fragment],
  ] as const) {
    if (ops[which].length === 0) continue;
    const after = runOps(file.text, file.format, ops[which]);
    if (after === undefined) return undefined;
    edits[file.file] = diffToEdits(file.text, after);
  }
  if (Object.keys(edits).length === 0) return undefined;
  const fix: MultiFileFix = { title: planned.title, id: planned.id, safe: planned.safe, edits };
  if (planned.isPreferred) fix.isPreferred = true;
  return fix;
}

const withFormat = (f: FileText) => ({ ...f, format: f.format ?? guessFormat(f.text) });

/** Every fix of a finding in a referenced file (`finding.source` = fragment.file, with `rootPath`). */
export function getReferencedFixes(rootFile: FileText, fragmentFile: FileText, finding: Finding): MultiFileFix[] {
  const root = withFormat(rootFile);
  const fragment = withFormat(fragmentFile);
  const placed = plan(new SourceDoc(root.text, root.format), new SourceDoc(fragment.text, fragment.format), finding, {
    root: root.file,
    fragment: fragment.file,
  });
  if (!placed) return [];
  const fixes: MultiFileFix[] = [];
  for (const planned of placed.plans) {
    try {
      const fix = toMultiFileFix(placed, planned, root, fragment);
      if (fix) fixes.push(fix);
    } catch {
      // not offered on an odd document
    }
  }
  return fixes;
}

/**
 * Every safe fix of these findings (all in `fragment`, all from linting `root`), one after the other on the
 * texts the previous ones produced; returns the final texts of the files that changed.
 */
export function applyReferencedFixAll(rootFile: FileText, fragmentFile: FileText, findings: Finding[]): { root: string; fragment: string } {
  let root = withFormat(rootFile);
  let fragment = withFormat(fragmentFile);
  for (const finding of findings) {
    const fix = getReferencedFixes(root, fragment, finding).find((f) => f.safe);
    if (!fix) continue;
    const apply = (file: typeof root) => {
      const edits = fix.edits[file.file];
      return edits ? { ...file, text: applyInOrder(file.text, edits) } : file;
    };
    root = apply(root);
    fragment = apply(fragment);
  }
  return { root: root.text, fragment: fragment.text };
}

function applyInOrder(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, edit.offset) + edit.newText + out.slice(edit.offset + edit.length);
  return out;
}
