// Which files a root document reaches through `$ref`s, and where each part of those files sits in the
// root's tree. Spectral inlines referenced files and reports a finding in one with that file as `source`
// and a JSON path inside it; to say which operation (and so which audience) such a finding belongs to,
// and through which `$ref` the root reached it, the engine needs the same walk, with positions.
//
// Transport-free: files are read through the caller's `readFile` (the host, or an editor's unsaved
// text first). Bounded: a number of files, a depth of `$ref` hops, a number of "mounts" (places a
// file part appears in the root's tree: a schema shared a thousand times is walked a few times only).
// Nothing outside the allowed roots is read; remote `$ref`s are never followed here.
import { getIn } from './openapi';
import * as nodePath from 'node:path';
import type { Document } from '@stoplight/spectral-core';
import type { TrustOptions } from './host';
import type { JsonPath, Range, RefLocation } from './types';
import { createDocument, detectFormat, DocumentRefusedError } from './document';
import { hasExternalRefs, parseRef, pointerToPath } from './ref-text';
import { isInside } from './paths';
import { DEFAULT_MAX_DOCUMENT_SIZE } from './lint-options';
import { DOCUMENT_START } from './document-findings';

export type { RefLocation };
export { hasExternalRefs, parseRef, pointerToPath };

/** A part of a referenced file that appears in the root's tree. */
export interface RefMount {
  file: string;
  /** JSON path inside `file` of the part (empty: the whole file). */
  pointer: JsonPath;
  /** Where that part sits in the root document's (resolved) tree. */
  rootPath: JsonPath;
  /** The `$ref` that brought it in (in the root, or in another referenced file). */
  via: RefLocation;
  /** The `$ref` in the root document that started the chain. */
  rootRef: RefLocation;
}

export type RefProblemCode = 'ref-cycle' | 'ref-limit';

export interface RefProblem {
  code: RefProblemCode;
  message: string;
  at: RefLocation;
}

export interface RefGraph {
  root: string;
  /** Every local file the root reaches (not the root itself), found or not, in discovery order. */
  files: string[];
  /** Files of `files` that could be read and parsed. */
  loaded: Set<string>;
  mounts: RefMount[];
  problems: RefProblem[];
  /** The parsed root and referenced files (positions for ranges, data for suppressions). */
  documents: Map<string, Document<unknown, any>>;
}

export interface RefGraphLimits {
  /** Referenced files read per root. */
  maxFiles: number;
  /** `$ref` hops from the root. */
  maxDepth: number;
  /** Places file parts are recorded at, over the whole walk. */
  maxMounts: number;
  /** Times the same part of a file is walked again for another place it is used. */
  maxMountsPerTarget: number;
  /** Characters per referenced file. */
  maxFileSize: number;
}

export const DEFAULT_REF_GRAPH_LIMITS: RefGraphLimits = {
  maxFiles: 500,
  maxDepth: 32,
  maxMounts: 20_000,
  maxMountsPerTarget: 8,
  maxFileSize: DEFAULT_MAX_DOCUMENT_SIZE,
};

export interface RefGraphInput {
  /** Absolute path of the root document. */
  filePath: string;
  /** The root, already parsed (the linter has it); else `text` is parsed. */
  document?: Document<unknown, any>;
  text?: string;
  trust: Pick<TrustOptions, 'allowedRoots'>;
  /** Reads a referenced file; rejects when it cannot. Containment is checked before it is called. */
  readFile(path: string): Promise<string>;
  /** Real path of a file (symlinks followed), when the host can tell: containment is checked on it too. */
  realPath?(path: string): Promise<string>;
  /** Kind and size of a file, when the host can tell: only regular files of sane size are read. */
  fileInfo?(path: string): Promise<{ isFile: boolean; size: number } | undefined>;
  limits?: Partial<RefGraphLimits>;
}

interface ParsedFile {
  document?: Document<unknown, any>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function rangeOf(document: Document<unknown, any> | undefined, path: JsonPath): Range {
  const range = document?.getRangeForJsonPath(path, true);
  return range
    ? { start: { ...range.start }, end: { ...range.end } }
    : { start: { ...DOCUMENT_START.start }, end: { ...DOCUMENT_START.end } };
}

/** Why a file may not be read for the graph, or undefined when it may. */
async function refusal(file: string, input: RefGraphInput, roots: string[], maxSize: number): Promise<string | undefined> {
  if (/^\/(dev|proc|sys)\//.test(file)) return 'not a regular file';
  if (roots.length > 0 && !roots.some((root) => isInside(file, root))) return 'outside the workspace';
  const real = input.realPath ? await input.realPath(file).catch(() => file) : file;
  if (real !== file && /^\/(dev|proc|sys)\//.test(real)) return 'not a regular file';
  if (real !== file && roots.length > 0 && !roots.some((root) => isInside(real, root))) return 'outside the workspace';
  const info = input.fileInfo ? await input.fileInfo(real).catch(() => undefined) : undefined;
  if (info && !info.isFile) return 'not a regular file';
  if (info && info.size > maxSize) return 'too large';
  return undefined;
}

/**
 * Walks the root and every local file it `$ref`s. Never throws for bad input: unreadable, refused or
 * missing files are listed in `files` but not in `loaded` (Spectral reports them as `invalid-ref`);
 * `$ref` chains that loop without reaching a value, and limits that cut the walk short, are `problems`.
 */
export async function buildRefGraph(input: RefGraphInput): Promise<RefGraph> {
  const limits = { ...DEFAULT_REF_GRAPH_LIMITS, ...input.limits };
  const root = input.filePath;
  const graph: RefGraph = { root, files: [], loaded: new Set(), mounts: [], problems: [], documents: new Map() };
  let rootDocument = input.document;
  if (!rootDocument && input.text !== undefined) rootDocument = parseOrUndefined(root, input.text);
  if (!rootDocument) return graph;
  graph.documents.set(root, rootDocument);

  const parsed = new Map<string, ParsedFile>([[root, { document: rootDocument }]]);
  const roots = [...input.trust.allowedRoots];
  const mountsPerTarget = new Map<string, number>();
  const limitReported = new Set<string>();
  const reportLimit = (what: string, at: RefLocation) => {
    if (limitReported.has(what)) return;
    limitReported.add(what);
    graph.problems.push({ code: 'ref-limit', message: `Referenced files not followed further: ${what}`, at });
  };

  const load = async (file: string): Promise<ParsedFile> => {
    const known = parsed.get(file);
    if (known) return known;
    const entry: ParsedFile = {};
    parsed.set(file, entry);
    if (file !== root) graph.files.push(file);
    if (await refusal(file, input, roots, limits.maxFileSize)) return entry;
    try {
      const text = await input.readFile(file);
      if (text.length > limits.maxFileSize) return entry;
      entry.document = parseOrUndefined(file, text);
      if (entry.document) {
        graph.loaded.add(file);
        graph.documents.set(file, entry.document);
      }
    } catch {
      // missing or unreadable: Spectral says so at the $ref
    }
    return entry;
  };

  interface Frame {
    file: string;
    document: Document<unknown, any>;
    node: unknown;
    path: JsonPath;
    rootPath: JsonPath;
    depth: number;
    rootRef?: RefLocation;
    /** Targets of an unbroken chain of `$ref`-only objects that led here: a repeat is a cycle. */
    refChain: string[];
  }

  // Depth-first with an explicit stack: a deep document cannot overflow ours.
  const stack: Frame[] = [{ file: root, document: rootDocument, node: rootDocument.data, path: [], rootPath: [], depth: 0, refChain: [] }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    if (!isRecord(node)) continue;
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref === 'string' && !Array.isArray(node)) {
      await followRef(frame, ref);
      continue;
    }
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      if (!isRecord(child)) continue;
      stack.push({ ...frame, node: child, path: [...frame.path, key], rootPath: [...frame.rootPath, key], refChain: [] });
    }
  }
  return graph;

  async function followRef(frame: Frame, ref: string): Promise<void> {
    const target = parseRef(ref, frame.file);
    if (!target.file) return; // local refs stay in the file (walked where they are defined); remote ones are never read here
    const at: RefLocation = { file: frame.file, path: frame.path, range: rangeOf(frame.document, [...frame.path, '$ref']) };
    const key = `${target.file}#/${target.pointer.join('/')}`;
    if (frame.refChain.includes(key)) {
      const loop = [...frame.refChain.slice(frame.refChain.indexOf(key)), key].map(
        (k) => nodePath.basename(k.split('#')[0]) + (k.endsWith('#/') ? '' : '#' + k.split('#')[1]),
      );
      graph.problems.push({ code: 'ref-cycle', message: `$ref cycle: ${loop.join(' → ')} never reaches a value`, at });
      return;
    }
    if (frame.depth >= limits.maxDepth) return reportLimit(`more than ${limits.maxDepth} $ref hops deep`, at);
    if (!parsed.has(target.file) && graph.files.length >= limits.maxFiles) return reportLimit(`more than ${limits.maxFiles} files`, at);
    const loaded = await load(target.file);
    if (!loaded.document) return;
    const rootRef = frame.rootRef ?? at;
    const count = mountsPerTarget.get(key) ?? 0;
    if (graph.mounts.length >= limits.maxMounts) return reportLimit(`more than ${limits.maxMounts} places use referenced files`, at);
    mountsPerTarget.set(key, count + 1);
    graph.mounts.push({ file: target.file, pointer: target.pointer, rootPath: frame.rootPath, via: at, rootRef });
    // Walk a shared part again for a few more places it is used (so each gets its audience), then stop:
    // its files are known after the first walk.
    if (count >= limits.maxMountsPerTarget) return;
    const child = getIn(loaded.document.data, target.pointer);
    const isRefOnly = isRecord(child) && typeof (child as Record<string, unknown>).$ref === 'string';
    stack.push({
      file: target.file,
      document: loaded.document,
      node: child,
      path: target.pointer,
      rootPath: frame.rootPath,
      depth: frame.depth + 1,
      rootRef,
      refChain: isRefOnly ? [...frame.refChain, key] : [],
    });
  }
}

function parseOrUndefined(file: string, text: string): Document<unknown, any> | undefined {
  try {
    return createDocument(text, file, detectFormat(file, text));
  } catch (error) {
    if (error instanceof DocumentRefusedError) return undefined;
    return undefined;
  }
}

/**
 * Where a JSON path of a referenced file sits in the root's tree: the mount of that file whose pointer
 * is the longest prefix of `path` (under `paths` first: that is where operations and audiences are).
 */
export function mountFor(
  graph: Pick<RefGraph, 'mounts'>,
  file: string,
  path: JsonPath,
): { mount: RefMount; rootPath: JsonPath } | undefined {
  let best: RefMount | undefined;
  for (const mount of graph.mounts) {
    if (mount.file !== file || mount.pointer.length > path.length) continue;
    if (!mount.pointer.every((segment, i) => String(segment) === String(path[i]))) continue;
    const better =
      !best ||
      (mount.rootPath[0] === 'paths' && best.rootPath[0] !== 'paths') ||
      ((mount.rootPath[0] === 'paths') === (best.rootPath[0] === 'paths') && mount.pointer.length > best.pointer.length);
    if (better) best = mount;
  }
  return best && { mount: best, rootPath: [...best.rootPath, ...path.slice(best.pointer.length)] };
}

/** Every mount of a file, for hover ("this operation, as used by each root"). */
export function mountsOf(graph: Pick<RefGraph, 'mounts'>, file: string): RefMount[] {
  return graph.mounts.filter((mount) => mount.file === file);
}

/** The local files a root document reaches through `$ref`s (transitively): what a reviewer or an index needs. */
export async function referencedFiles(input: RefGraphInput): Promise<string[]> {
  return (await buildRefGraph(input)).files;
}
