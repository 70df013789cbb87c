// The exposure-only lint (LintOptions.exposureOnly): parse, resolve the operations' audiences, run the exposure
// rules through the exposure pass, and give findings and operations with the ranges the complete lint would
// give. Everything that can make it differ from the complete lint's answer makes it say "unavailable" instead.
import type { Document } from '@stoplight/spectral-core';
import type { LintOptions } from '../lint-options';
import type { DocumentFormat, Finding, LintResult } from '../types';
import type { LoadedRuleset } from '../ruleset/load';
import type { EngineLogger } from '../host';
import { createDocument, isOpenApiData, looksLikeOpenApi } from '../document';
import { resolveOperationAudiences } from '../audience';
import { operationKey, setExposureContext, type ExposureContext } from '../exposure-context';
import { mergeAudienceConfigs } from '../ruleset/preprocess';
import { effectiveScopes } from '../audience-scopes';
import { attachAudiences, attachConcerns, compareFindings } from '../findings';
import { applySuppressions } from '../suppressions';
import { oneLine } from '../ruleset/errors';
import { exposurePass } from './exposure-pass';
import { documentLocator, JsonTextLocator, type ExposureLocator } from './locators';
import { parseYamlInPieces, type PieceCache } from './yaml-chunks';
import { parseJsonInPieces, type JsonPieceCache } from './json-pieces';
import { BoundedMap } from '../bounded-map';
import type { ResolutionMemory } from './ref-view';

export interface ExposureLintInput {
  options: LintOptions;
  format: DocumentFormat;
  resolveRuleset(): Promise<{ loaded: LoadedRuleset; rulesetError?: string }>;
  log: EngineLogger;
}

/** YAML documents up to this size keep their parsed pieces for the next keystroke (see yaml-chunks.ts). */
export const PIECES_MAX_TEXT = 3_000_000;
/**
 * JSON documents up to this size keep their parsed entries (see json-pieces.ts): GitHub's 13 MB spec, whose exposure
 * pass they make ~40% cheaper (CPU p50 443 → 269 ms), for ~40–50 MB more at the server's peak while it is open
 * (docs/benchmarks.md, round 16). Bigger ones (Microsoft Graph's 20 MB) are parsed whole at every keystroke: the
 * server's memory matters more there.
 */
export const JSON_PIECES_MAX_TEXT = 16_000_000;
/** Documents whose pieces are kept: the one being typed in, and one more. */
export const PIECES_MAX_DOCUMENTS = 2;

interface Parsed {
  data: unknown;
  locator: ExposureLocator;
  /** For data reused across lints: what the previous resolution found (see ref-view.ts). */
  resolution?: ResolutionMemory;
  /** The Spectral Document, when the text was parsed whole (YAML). */
  document?: Document;
}

/** The exposure-only lint, with what it keeps between keystrokes: the last version's YAML or JSON pieces, per document. */
export class ExposureOnlyLinter {
  private readonly pieces = new BoundedMap<string, PieceCache>(PIECES_MAX_DOCUMENTS);
  private readonly jsonPieces = new BoundedMap<string, JsonPieceCache>(PIECES_MAX_DOCUMENTS);
  /** The last resolution of pieces' data, per document (see ref-view.ts); goes with the document's pieces. */
  private readonly resolutions = new BoundedMap<string, ResolutionMemory>(PIECES_MAX_DOCUMENTS);

  async lint(input: ExposureLintInput): Promise<LintResult> {
    const { options, format } = input;
    if (!looksLikeOpenApi(options.text)) return { ...unavailableResult(format), isOpenApi: false };
    if (format === 'yaml' && options.text.length <= PIECES_MAX_TEXT) {
      const chunked = parseYamlInPieces(options.text, options.filePath, this.pieces.get(options.filePath) ?? new Map());
      if (chunked) {
        this.pieces.set(options.filePath, chunked.pieces);
        // A finding or operation on a cut the pieces cannot place (none expected): the whole parse answers.
        let placed = true;
        const locator: ExposureLocator = {
          findingRanges: (paths) => chunked.locator.findingRanges(paths) ?? void (placed = false),
          operationRanges: (paths) => chunked.locator.operationRanges(paths) ?? void (placed = false),
        };
        const result = await lintParsed(input, { data: chunked.data, locator, resolution: this.resolutionOf(options.filePath) });
        if (placed) return result;
      } else {
        this.forget(options.filePath);
      }
    }
    if (format === 'json' && options.text.length <= JSON_PIECES_MAX_TEXT) {
      const chunked = parseJsonInPieces(options.text, this.jsonPieces.get(options.filePath) ?? new Map());
      if (chunked) {
        this.jsonPieces.set(options.filePath, chunked.pieces);
        return lintParsed(input, { data: chunked.data, locator: chunked.locator, resolution: this.resolutionOf(options.filePath) });
      }
      this.forget(options.filePath);
    }
    return lintExposureOnly(input);
  }

  private resolutionOf(filePath: string): ResolutionMemory {
    let resolution = this.resolutions.get(filePath);
    if (!resolution) this.resolutions.set(filePath, (resolution = { unchanged: new WeakSet(), copies: new Map() }));
    return resolution;
  }

  private forget(filePath: string): void {
    this.pieces.delete(filePath);
    this.jsonPieces.delete(filePath);
    this.resolutions.delete(filePath);
  }
}

export async function lintExposureOnly(input: ExposureLintInput): Promise<LintResult> {
  const { options, format } = input;
  const unavailable = unavailableResult(format);
  if (!looksLikeOpenApi(options.text)) return { ...unavailable, isOpenApi: false };
  let parsed: Parsed;
  try {
    if (format === 'json') {
      const data = JSON.parse(options.text.charCodeAt(0) === 0xfeff ? options.text.slice(1) : options.text);
      parsed = { data, locator: new JsonTextLocator(options.text) };
    } else {
      const document = createDocument(options.text, options.filePath, format);
      if (document.diagnostics.length > 0) return unavailable; // Spectral reads broken YAML its own way
      parsed = { data: document.data, locator: documentLocator(document), document };
    }
  } catch {
    return unavailable; // not plain JSON, refused, or too deep: the complete lint reports it
  }
  return lintParsed(input, parsed);
}

const unavailableResult = (format: DocumentFormat): LintResult => ({
  isOpenApi: true,
  format,
  findings: [],
  operations: [],
  ruleset: '',
  phase: 'exposure',
  exposureUnavailable: true,
});

async function lintParsed(
  { options, format, resolveRuleset, log }: ExposureLintInput,
  { data, locator, document, resolution }: Parsed,
): Promise<LintResult> {
  const unavailable = unavailableResult(format);
  if (!isOpenApiData(data)) return unavailable;
  const { loaded, rulesetError } = await resolveRuleset();
  const audience = mergeAudienceConfigs([options.audience ?? {}, loaded.audience]);
  const configHolder = document ?? { source: options.filePath, data };
  // Audiences resolved once, as the complete lint does, and handed to the rules through the exposure context.
  const entries = resolveOperationAudiences(data, audience, options.filePath);
  const exposure: ExposureContext = {
    config: { ...audience, filePath: options.filePath },
    audiences: new Map(entries.map((op) => [operationKey(op.path, op.method), op.resolved])),
  };
  setExposureContext(configHolder, exposure);
  const operationPaths = entries.map((op) => op.jsonPath);
  locator.expectOperations?.(operationPaths);
  let findings: Finding[] | undefined;
  try {
    findings = exposurePass({
      filePath: options.filePath,
      text: options.text,
      data,
      locator,
      resolution,
      ruleset: loaded.ruleset,
      disabledRules: options.disabledRules ?? [],
      configHolder,
    });
  } catch (error) {
    log.warn(`exposure pass of ${options.filePath} failed: ${oneLine(error)}`);
  }
  if (!findings) return { ...unavailable, ruleset: loaded.name };
  // A rule scoped to audiences by the ruleset (x-exposure.rules): only the complete lint applies that.
  const scopes = effectiveScopes(loaded.ruleset, audience.ruleScopes);
  if (findings.some((finding) => scopes[finding.code] !== undefined)) return { ...unavailable, ruleset: loaded.name };
  // Operations with their ranges, as the complete lint gives them: hover and CodeLens work from the early result too.
  const ranges = locator.operationRanges(operationPaths);
  if (!ranges) return { ...unavailable, ruleset: loaded.name };
  const operations = entries.map((op, i) => ({ ...op, range: ranges[i] }));
  attachAudiences(findings, exposure.audiences);
  attachConcerns(findings, exposure);
  const result: LintResult = {
    isOpenApi: true,
    format,
    findings: applySuppressions(findings, data).sort(compareFindings),
    operations,
    ruleset: loaded.name,
    phase: 'exposure',
  };
  if (rulesetError) result.rulesetError = rulesetError;
  return result;
}
