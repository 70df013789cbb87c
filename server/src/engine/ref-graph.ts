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
import { isInside, isUrl } from './paths';
import { DEFAULT_MAX_DOCUMENT_SIZE } from './lint-options';
import { DOCUMENT_START } from './document-findings';

export type { RefLocation };

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

/**
 * A `$ref` key with a string on its line: its value (group 2; group 1 is its opening quote). The key stands
 * alone (Microsoft Graph's spec has thousands of path keys ending in "/$ref", which are not references).
 */
const REF_ON_LINE = /(?:^|[\s{,"'])\$ref["']?[ \t]*:[ \t]*(["']?)([^\s"',}\]]*)/gm;

/**
 * Cheap test on text: may this document `$ref` other files (or URLs)? Most documents only have local refs.
 * A `$ref` key whose value is an object or a list is a schema property named `$ref` (Kubernetes', GitHub
 * Enterprise's specs), not a reference. A `$ref` whose value is not on its line (YAML) is settled from the
 * parsed `data` when given, else taken for a reference.
 */
export function hasExternalRefs(text: string, data?: unknown): boolean {
  let unsure = false;
  REF_ON_LINE.lastIndex = 0;
  for (let match = REF_ON_LINE.exec(text); match; match = REF_ON_LINE.exec(text)) {
    const [, quote, value] = match;
    if (!quote && (value === '' || value.startsWith('{') || value.startsWith('['))) unsure ||= value === '';
    else if (value !== '' && !value.startsWith('#')) return true;
  }
  return unsure && (data === undefined || hasExternalRefIn(data));
}

/** A `$ref` key with a string value that does not start with "#", anywhere in the data. */
function hasExternalRefIn(data: unknown): boolean {
  const stack: unknown[] = [data];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (!Array.isArray(node) && typeof ref === 'string' && !ref.startsWith('#')) return true;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

/** A `$ref` value split into the file it names (absolute; undefined for a local ref) and the JSON path after '#'. */
export function parseRef(ref: string, fromFile: string): { file?: string; remote?: string; pointer: JsonPath } {
  const hash = ref.indexOf('#');
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = pointerToPath(hash < 0 ? '' : ref.slice(hash + 1));
  if (filePart === '') return { pointer };
  if (isUrl(filePart)) return { remote: filePart, pointer };
  let decoded = filePart;
  try {
    decoded = decodeURIComponent(filePart);
  } catch {
    // a stray '%': use it as written
  }
  if (decoded.startsWith('file://')) decoded = decoded.slice('file://'.length);
  return { file: nodePath.resolve(nodePath.dirname(fromFile), decoded), pointer };
}

/** RFC 6901 pointer ("/paths/~1pets") → ["paths", "/pets"]. */
export function pointerToPath(pointer: string): JsonPath {
  const trimmed = pointer.replace(/^\/+/, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((segment) => {
    let s = segment;
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep it
    }
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
  });
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
