// Go to definition and hover on a `$ref` (local "#/components/…", relative files "./paths/pets.yaml",
// and both with a JSON pointer), in the spirit of vscode-json-languageservice: the target is found by
// parsing the file it names, read from the editor when open, else from disk inside the allowed roots.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { MarkupKind, type Definition, type DefinitionParams, type Hover, type HoverParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isPair, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { parseRef } from '../engine/ref-text';
import { isInside } from '../engine/paths';
import type { JsonPath } from '../engine/types';
import { refRootsFor } from './lint-request';
import { pathToUri, uriToPath } from './workspace';
import type { ServerContext } from './context';

const MAX_TARGET_BYTES = 5 * 1024 * 1024;
const PREVIEW_LINES = 12;

interface RefUnderCursor {
  value: string;
  start: number;
  end: number;
}

// `$ref: ./a.yaml`, `"$ref": "#/x"`, `{ $ref: '../b.json#/c' }`: key and value sit on one line.
const REF_ON_LINE = /(["']?)\$ref\1\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s,}\]#][^\s,}\]]*|#[^\s,}\]]*))/g;

/**
 * The `$ref` whose key or value holds the offset. Read from the line only (no parse): hover runs on the
 * server's thread, and a multi-megabyte document must not be parsed for every hover.
 */
export function refAt(text: string, offset: number): RefUnderCursor | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline);
  if (!line.includes('$ref')) return undefined;
  for (const match of line.matchAll(REF_ON_LINE)) {
    const value = match[2] ?? match[3]?.replace(/''/g, "'") ?? match[4] ?? '';
    const raw = match[2] !== undefined ? `"${match[2]}"` : match[3] !== undefined ? `'${match[3]}'` : value;
    const end = lineStart + match.index! + match[0].length;
    const start = end - raw.length;
    if (offset >= lineStart + match.index! && offset <= end) return { value, start, end };
  }
  return undefined;
}

/** Offsets of what a JSON path names: from its key to the end of its value (the whole document for []). */
export function targetSpan(text: string, pointer: JsonPath): { start: number; end: number } | undefined {
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false, strict: false });
  let node: unknown = doc.contents;
  let pair: Pair<Node, Node> | undefined;
  for (const segment of pointer) {
    if (isMap(node)) {
      pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment)) as
        Pair<Node, Node> | undefined;
      node = pair?.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      pair = undefined;
      node = (node as { items: unknown[] }).items[Number(segment)];
    } else return undefined;
    if (!node) return undefined;
  }
  const valueRange = (node as Node | null)?.range;
  if (!valueRange) return undefined;
  return { start: pair?.key?.range?.[0] ?? valueRange[0], end: valueRange[1] };
}

async function allowedRoots(context: ServerContext, uri: string): Promise<string[]> {
  return refRootsFor({ uri, languageId: 'yaml' }, await context.settings.get(uri), context.folders, context.trust);
}

interface Target {
  uri: string;
  document: TextDocument;
  start: number;
  end: number;
  label: string;
}

async function resolveTarget(
  context: ServerContext,
  uri: string,
  offset: number,
  text: string,
): Promise<{ ref: RefUnderCursor; target?: Target } | undefined> {
  const filePath = uriToPath(uri);
  const ref = refAt(text, offset);
  if (!ref || !filePath) return ref && { ref };
  const parsed = parseRef(ref.value, filePath);
  if (parsed.remote) return { ref };
  const targetFile = parsed.file ?? filePath;
  const targetUri = pathToUri(targetFile);
  let document = context.documents.get(targetUri);
  if (!document) {
    const roots = await allowedRoots(context, uri);
    if (!roots.some((root) => isInside(targetFile, root))) return { ref };
    try {
      const stat = await fs.stat(targetFile);
      if (!stat.isFile() || stat.size > MAX_TARGET_BYTES) return { ref };
      document = TextDocument.create(targetUri, /\.json$/i.test(targetFile) ? 'json' : 'yaml', 0, await fs.readFile(targetFile, 'utf8'));
    } catch {
      return { ref };
    }
  }
  const span = targetSpan(document.getText(), parsed.pointer);
  if (!span) return { ref };
  const label = `${parsed.file ? path.relative(path.dirname(filePath), targetFile).split(path.sep).join('/') : ''}${parsed.pointer.length ? '#/' + parsed.pointer.join('/') : ''}`;
  return { ref, target: { uri: targetUri, document, ...span, label } };
}

export async function provideDefinition(context: ServerContext, params: DefinitionParams): Promise<Definition | null> {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) return null;
  const resolved = await resolveTarget(context, document.uri, document.offsetAt(params.position), document.getText());
  const target = resolved?.target;
  if (!target) return null;
  return { uri: target.uri, range: { start: target.document.positionAt(target.start), end: target.document.positionAt(target.end) } };
}

/** Hover on a `$ref`: where it leads and the first lines of what is there. */
export async function provideRefHover(context: ServerContext, params: HoverParams): Promise<Hover | null> {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) return null;
  const resolved = await resolveTarget(context, document.uri, document.offsetAt(params.position), document.getText());
  if (!resolved) return null;
  const range = { start: document.positionAt(resolved.ref.start), end: document.positionAt(resolved.ref.end) };
  const target = resolved.target;
  if (!target)
    return {
      contents: { kind: MarkupKind.Markdown, value: `\`$ref\` \`${resolved.ref.value}\`: target not found (or not readable here)` },
      range,
    };
  const lines = target.document.getText().slice(target.start, target.end).split(/\r?\n/);
  const preview = lines.slice(0, PREVIEW_LINES).join('\n') + (lines.length > PREVIEW_LINES ? '\n…' : '');
  const language = target.document.languageId === 'json' ? 'json' : 'yaml';
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: `\`$ref\` → \`${target.label || resolved.ref.value}\`\n\n\`\`\`${language}\n${preview}\n\`\`\``,
    },
    range,
  };
}
