// The exposure rules' findings, without Spectral's resolution and walk of the whole document: the editor
// shows them within a keystroke's time while the complete lint (which gives the same exposure findings, and
// replaces these) is still running. The built-in exposure functions are called directly on a lazily
// resolved view of the data, and their results are turned into findings the way Spectral's runner does
// (message, severity with overrides, range, de-duplication).
//
// It answers only when that is exactly what Spectral would report; otherwise it returns undefined and the
// editor simply waits for the complete lint: a rule redefined with another message or `given`, references
// to other files (Spectral would relocate findings there), or a finding under a `$ref` that Spectral's
// DocumentInventory would not place the way reportedPath does (a `$ref` with siblings, a circular one).
import type { ISpectralDiagnostic, Ruleset } from '@stoplight/spectral-core';
import type { Format } from '@stoplight/spectral-core';
import { installedRules } from '../rules/installed';
import { hasExternalRefs } from '../ref-graph';
import type { Finding, JsonPath } from '../types';
import { toFinding } from '../findings';
import { originalRuleFunction } from '../ruleset/guard-functions';
import { isRef, resolvedView, type ResolutionMemory } from './ref-view';
import type { ExposureLocator } from './locators';
import { decodePointerFragment, encodePointerUriFragment } from '@stoplight/json';

type RuleFunction = (input: unknown, options: unknown, context: unknown) => unknown;
interface RuleLike {
  name: string;
  enabled: boolean;
  message: string | null;
  resolved: boolean;
  given: string | string[];
  then:
    | { field?: string; function: RuleFunction; functionOptions?: unknown }
    | Array<{ field?: string; function: RuleFunction; functionOptions?: unknown }>;
  documentationUrl: string | null;
  matchesFormat(formats: Set<Format> | null): boolean;
  getSeverityForSource(source: string, path: JsonPath): number;
}

/** The installed exposure rules' functions (looked up when the pass runs: the rule pack is installed at start-up). */
const exposureFunctions = (): Set<unknown> => new Set<unknown>(installedRules().map((rule) => rule.function));

const isPureLocalRef = (node: unknown): node is { $ref: string } =>
  isRef(node) && Object.keys(node).length === 1 && node.$ref.startsWith('#');

const pointerPath = (ref: string): JsonPath =>
  ref === '#'
    ? []
    : ref
        .slice(2)
        .split('/')
        .map((raw) => decodeSegment(safeDecodeUri(raw)));

function safeDecodeUri(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const hasOwn = (node: unknown, key: string | number): boolean =>
  typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, key);

const startsWithPath = (path: JsonPath, prefix: JsonPath): boolean =>
  prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));

/**
 * Spectral turns the path it relocates into a JSON pointer and back, decoding only `~0`/`~1`: a segment that
 * pointer encoding percent-escapes (a space, `%`, `#`, `+`…) comes back different ("Example 1" → "Example%201"),
 * and the finding is reported at the closest existing path above it (GitHub Enterprise's `$+ref` example keys,
 * mist.com's "Example 1").
 */
const afterPointerRoundTrip = (segment: string | number): string | number =>
  typeof segment === 'number' ? segment : decodePointerFragment(String(encodePointerUriFragment(segment)));

/** As Spectral's getClosestJsonPath: the longest prefix of `path` that exists in `data`. */
function closestPath(data: unknown, path: JsonPath): JsonPath {
  const closest: JsonPath = [];
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !(segment in node)) break;
    closest.push(segment);
    node = (node as Record<string, unknown>)[segment as string];
  }
  return closest;
}

/**
 * Where Spectral reports a finding found at `path` of the resolved data: at the same path when it crosses
 * no `$ref`; else, as its DocumentInventory does, where the referenced object is written (the `$ref`s met
 * on the way followed, chains included: a `429: { $ref: … }`, an example's `value` under a `$ref`'d example),
 * cut above a segment the pointer round trip changes. Undefined when this is not certain (a `$ref` with
 * siblings or to another file, a reference inside its own target, which Spectral leaves unresolved, a missing
 * target, a target whose own segments do not survive the round trip, a `$ref` met below a changed segment):
 * those need the complete lint.
 */
function reportedPath(data: unknown, path: JsonPath): JsonPath | undefined {
  let node = data;
  let at: JsonPath = [];
  let jumped = false;
  let hops = 0;
  /** Whether a segment written after the last jump changes in the round trip. */
  let changedSinceJump = false;
  const followRefs = (): boolean => {
    while (isRef(node)) {
      if (!isPureLocalRef(node) || ++hops > 32 || changedSinceJump) return false;
      const target = pointerPath(node.$ref);
      if (startsWithPath(at, target)) return false; // circular: Spectral's resolver keeps it as a $ref
      if (!target.every((segment) => afterPointerRoundTrip(segment) === segment)) return false;
      let found: unknown = data;
      for (const segment of target) {
        if (!hasOwn(found, segment)) return false;
        found = (found as Record<string, unknown>)[segment as string];
      }
      node = found;
      at = [...target];
      jumped = true;
    }
    return true;
  };
  for (const segment of path) {
    if (!followRefs() || !hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment as string];
    at.push(jumped ? afterPointerRoundTrip(segment) : segment);
    changedSinceJump ||= jumped && at[at.length - 1] !== segment;
  }
  if (!followRefs()) return undefined;
  return changedSinceJump ? closestPath(data, at) : at;
}

const decodeSegment = (segment: unknown): string =>
  typeof segment !== 'string' ? String(segment) : segment.replace(/~1/g, '/').replace(/~0/g, '~');

export interface ExposurePassInput {
  filePath: string;
  text: string;
  /** The parsed document (plain data, as Spectral's parser gives it). */
  data: unknown;
  /** Where paths are in the text. */
  locator: ExposureLocator;
  /** For parsed data reused across lints: what the previous resolution found (see ref-view.ts). */
  resolution?: ResolutionMemory;
  ruleset: Ruleset;
  disabledRules: readonly string[];
  /** The object the exposure functions read their configuration from (see exposure-context). */
  configHolder: object;
}

/** The exposure rules' findings, or undefined when this shortcut cannot promise Spectral's answer. */
/** True when no path item or operation is itself a `$ref`: the rules then see the same operations in the raw data. */
function plainOperations(data: unknown): boolean {
  const paths = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).paths : undefined;
  if (typeof paths !== 'object' || paths === null) return true;
  for (const item of Object.values(paths as Record<string, unknown>)) {
    if (isRef(item)) return false;
    if (typeof item === 'object' && item !== null && Object.values(item as Record<string, unknown>).some(isRef)) return false;
  }
  return true;
}

export function exposurePass(input: ExposurePassInput): Finding[] | undefined {
  if (hasExternalRefs(input.text, input.data)) return undefined;
  // Rules read operations' audiences from the raw document: an operation reached through a $ref needs the complete lint.
  if (!plainOperations(input.data)) return undefined;
  // As Spectral.run does: `overrides` that match this file make a ruleset of their own.
  const ruleset = input.ruleset.fromSource(input.filePath);
  const rules: Array<{ rule: RuleLike; fn: RuleFunction; options: unknown }> = [];
  const EXPOSURE_FUNCTIONS = exposureFunctions();
  for (const rule of Object.values(ruleset.rules) as unknown as RuleLike[]) {
    const thens = Array.isArray(rule.then) ? rule.then : [rule.then];
    const fns = thens.map((t) => originalRuleFunction(t.function));
    if (!fns.some((fn) => EXPOSURE_FUNCTIONS.has(fn))) continue;
    const given = Array.isArray(rule.given) ? rule.given : [rule.given];
    const standard =
      thens.length === 1 && !thens[0].field && given.length === 1 && given[0] === '$' && rule.message === '{{error}}' && rule.resolved;
    if (!standard) return undefined;
    rules.push({ rule, fn: fns[0] as RuleFunction, options: thens[0].functionOptions ?? null });
  }

  const formats = new Set([...(ruleset.formats ?? [])].filter((format) => format(input.data, null)));
  const view = resolvedView(input.data, input.resolution);
  // What rules ask Spectral's DocumentInventory (noteConcerns: where a result is written), answered as reportedPath places findings.
  const inventory = {
    findAssociatedItemForPath: (path: JsonPath) => {
      const written = reportedPath(input.data, path.map(decodeSegment));
      return written ? { path: written } : null;
    },
  };
  const pending: Array<Omit<ISpectralDiagnostic, 'range'>> = [];
  const seen = new Set<string>();
  for (const { rule, fn, options } of rules) {
    if (!rule.enabled || input.disabledRules.includes(rule.name) || !rule.matchesFormat(formats)) continue;
    const results = fn(view, options, { document: input.configHolder, documentInventory: inventory, rule, path: [] });
    if (results === undefined) continue;
    if (!Array.isArray(results)) return undefined; // a promise, or something else Spectral would treat its own way
    for (const result of results as Array<{ message: string; path?: JsonPath }>) {
      const path = reportedPath(input.data, (result.path ?? []).map(decodeSegment));
      if (typeof result.message !== 'string' || result.message.includes('{{') || !path) return undefined;
      const severity = rule.getSeverityForSource(input.filePath, path);
      if (severity === -1) continue;
      const message = result.message.trim();
      const key = JSON.stringify([rule.name, path, message]);
      if (seen.has(key)) continue;
      seen.add(key);
      pending.push({
        code: rule.name,
        message,
        path,
        severity,
        source: input.filePath,
        ...(rule.documentationUrl ? { documentationUrl: rule.documentationUrl } : {}),
      } as never);
    }
  }

  const ranges = input.locator.findingRanges(pending.map((p) => p.path as JsonPath));
  if (!ranges) return undefined;
  return pending.map((p, i) => toFinding({ ...p, range: ranges[i] } as ISpectralDiagnostic, ruleset));
}
