// The lint pipeline, the same for the CLI, the language server and tests:
// text → Document → (not OpenAPI? stop) → ruleset (discovered, cached) → Spectral run → Findings
// annotated with audiences and documentation, minus inline suppressions.
import { Spectral, type Document } from '@stoplight/spectral-core';
import type { EngineHost, TrustOptions } from './host';
import type { LintOptions } from './lint-options';
import type { AudienceConfig, DocumentFormat, Finding, LintResult, OperationAudience, ResolvedAudience } from './types';
import { ExposureOnlyLinter } from './exposure-first/exposure-lint';
import { createDocument, detectFormat, DocumentRefusedError, isOpenApiData, looksLikeOpenApi } from './document';
import { DOCUMENT_START, documentFinding, notLintedResult } from './document-findings';
import { createRefResolver, setOpenDocuments } from './ref-resolver';
import { buildRefGraph, hasExternalRefs, type RefGraph } from './ref-graph';
import { placeReferencedFindings, referencedOperations } from './referenced-findings';
import { documentAudience, fileLevelAudience, resolvedAudience, resolveOperationAudiences } from './audience';
import { getOperationAudience, operationKey, setExposureContext, type ExposureContext } from './exposure-context';
import { applySuppressions } from './suppressions';
import { attachAudiences, attachConcerns, compareFindings, toFinding } from './findings';
import { applyAudienceScopes, effectiveScopes } from './audience-scopes';
import { dropOverlappingFindings } from './overlaps';
import { operationPathOf } from './openapi';
import { KeyRanges } from './key-ranges';
import { absolutePaths, rulesetFileFor } from './ruleset/discover';
import { RulesetCache } from './ruleset/cache';
import { BoundedMap } from './bounded-map';
import { DEFAULT_RULESET_NAME } from './ruleset/builtin-rulesets';
import * as nodePath from 'node:path';
import { RulesetLoadError, oneLine } from './ruleset/errors';
import { loadBuiltinRuleset, type LoadedRuleset } from './ruleset/load';
import { mergeAudienceConfigs } from './ruleset/preprocess';
import { disableRulesFor, setBudgetFor, takeRuleFailures, takeUnfinishedRules } from './ruleset/guard-functions';
import { LintBudget, systemClocks } from './lint-budget';
import { documentSizeLimit, effectiveBudgetMs } from './lint-options';

function tooLarge(filePath: string, text: string, maxSize: number): LintResult {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const message = `Not linted: the document is ${mb(text.length)} MB, over the ${mb(maxSize)} MB limit (raise it with maxDocumentSize / --max-document-size)`;
  return notLintedResult(filePath, text, documentFinding('document-too-large', message, 'warn'));
}

/** An alias bomb or absurd nesting: refused before Spectral would hang or overflow on it. */
function refused(filePath: string, text: string, error: DocumentRefusedError): LintResult {
  return notLintedResult(filePath, text, documentFinding(error.code, error.message));
}

/**
 * Told when the ruleset is being loaded, so a time budget can leave that out: a lint's budget is for the lint
 * (parse, Spectral run), not for loading (and perhaps fetching or bundling) the ruleset, which is cached afterwards.
 */
export interface LintProgress {
  rulesetLoading(): void;
  /** `ruleset`: the name of the ruleset in effect (undefined if it failed to load). Awaited before the lint goes on. */
  rulesetLoaded(ruleset: string | undefined): void | Promise<void>;
}

/** One finding for all the rules a spent time budget cut short; everything they and the others found is kept. */
function budgetSpentFinding(budgetMs: number, rules: string[]): Finding {
  const names = rules.map((rule) => `"${rule}"`).join(', ');
  const which =
    rules.length === 1
      ? `rule ${names} did not finish, so its findings may be incomplete`
      : `rules ${names} did not finish, so their findings may be incomplete`;
  return documentFinding(
    'lint-timeout',
    `Linting stopped after ${Math.round(budgetMs / 1000)} s: ${which}; all other results are shown (raise the limit with lintTimeoutMs / --timeout)`,
  );
}

/**
 * Which ruleset a lint used and what it was built from, on the result itself: the editor names the file of a
 * ruleset error and watches the files without discovering the ruleset a second time.
 */
function withRuleset(result: LintResult, resolved: { file: string; loaded: LoadedRuleset; rulesetError?: string }): LintResult {
  result.ruleset = resolved.loaded.name;
  result.rulesetRequested = resolved.file;
  result.rulesetSources = [...resolved.loaded.dependencies];
  if (resolved.rulesetError) result.rulesetError = resolved.rulesetError;
  return result;
}

export class Linter {
  private readonly rulesets: RulesetCache;
  /**
   * Last ruleset that loaded for a given configured/discovered ruleset file: the editor's fallback.
   * Bound: 64 ruleset files (least recently used dropped; a dropped one falls back to the built-in default).
   */
  private readonly lastGood = new BoundedMap<string, LoadedRuleset>(64);
  /** One Spectral per loaded ruleset (gone with it) and per trust setting: bound 8 trust settings per ruleset. */
  private readonly spectrals = new WeakMap<LoadedRuleset, BoundedMap<string, Spectral>>();
  private defaultRuleset: LoadedRuleset | undefined;
  /** The exposure-first pass, with the YAML pieces it keeps between keystrokes (see exposure-first/yaml-chunks.ts). */
  private readonly exposureOnly = new ExposureOnlyLinter();

  constructor(private readonly host: EngineHost) {
    this.rulesets = new RulesetCache(host);
  }

  async lint(requested: LintOptions, progress?: LintProgress): Promise<LintResult> {
    const options = absolutePaths(requested);
    const format = detectFormat(options.filePath, options.text);
    const maxSize = documentSizeLimit(options.maxDocumentSize);
    if (options.text.length > maxSize) return tooLarge(options.filePath, options.text, maxSize);
    if (options.exposureOnly) return this.lintExposure(options, format);
    let document: Document;
    try {
      document = createDocument(options.text, options.filePath, format);
    } catch (error) {
      if (error instanceof DocumentRefusedError) return refused(options.filePath, options.text, error);
      throw error;
    }
    if (!isOpenApiData(document.data) && !looksLikeOpenApi(options.text)) {
      return { isOpenApi: false, format, findings: [], operations: [], ruleset: '' };
    }

    progress?.rulesetLoading();
    let resolved: Awaited<ReturnType<Linter['resolveRuleset']>>;
    try {
      resolved = await this.resolveRuleset(options);
    } catch (error) {
      await progress?.rulesetLoaded(undefined);
      throw error;
    }
    await progress?.rulesetLoaded(resolved.loaded.name);
    // The budget is for the lint itself: it starts once the ruleset is loaded (loading has its own bound).
    const budget = new LintBudget(effectiveBudgetMs(options.timeoutMs, options.text.length), systemClocks(this.host.threadCpuMs));
    const { loaded } = resolved;
    const audience = mergeAudienceConfigs([options.audience ?? {}, loaded.audience]);
    // Audiences are resolved once per lint, here, and handed to the rules through the document's exposure context.
    const operations = this.operationAudiences(document, audience, options.filePath);
    const graph = await this.refGraph(document, options);
    const fromFiles = graph ? this.referencedOperations(graph, document, audience) : [];
    const exposure: ExposureContext = {
      config: { ...audience, filePath: options.filePath },
      audiences: new Map([...operations, ...fromFiles].map((op) => [operationKey(op.path, op.method), op.resolved])),
    };
    setExposureContext(document, exposure);
    const ran = await this.run(document, loaded, options, budget);
    const raw = graph ? placeReferencedFindings(ran, graph) : ran;
    attachAudiences(raw, exposure.audiences);
    attachConcerns(raw, exposure);
    const scoped = applyAudienceScopes(raw, effectiveScopes(loaded.ruleset, audience.ruleScopes), (finding) =>
      audiencesOfFinding(finding, document, exposure),
    );
    // After the scopes: a built-in finding a scope dropped no longer stands in for another rule's.
    const findings = dropOverlappingFindings(scoped);

    const result: LintResult = {
      isOpenApi: true,
      format,
      findings: applySuppressions(findings, document.data).sort(compareFindings),
      operations,
      ruleset: loaded.name,
    };
    const read = graph ? graph.files.filter((file) => graph.loaded.has(file)) : [];
    const unread = graph ? graph.files.filter((file) => !graph.loaded.has(file)) : [];
    if (read.length > 0) result.references = read;
    if (unread.length > 0) result.missingReferences = unread;
    if (fromFiles.length > 0) result.referencedOperations = fromFiles;
    withRuleset(result, resolved);
    if (loaded.untrustedCodeSkipped) result.untrustedCodeSkipped = loaded.untrustedCodeSkipped;
    return result;
  }

  /** The exposure rules' findings only, fast (see exposure-first/); the result names its ruleset as a complete lint's does. */
  private async lintExposure(options: LintOptions, format: DocumentFormat): Promise<LintResult> {
    let resolved: Awaited<ReturnType<Linter['resolveRuleset']>> | undefined;
    const resolveRuleset = async () => (resolved = await this.resolveRuleset(options));
    const result = await this.exposureOnly.lint({ options, format, resolveRuleset, log: this.host.log });
    return resolved ? withRuleset(result, resolved) : result;
  }

  /** Which ruleset file applies to a document (explicit, discovered, or the built-in default name). */
  rulesetFor(requested: Pick<LintOptions, 'filePath' | 'rulesetFile' | 'discoveryRoot'>): Promise<string> {
    return rulesetFileFor(requested, this.host.fs);
  }

  /** Drop cached rulesets built from `path` (a ruleset or a file it extends), or all of them. */
  invalidate(path?: string): boolean {
    return this.rulesets.invalidate(path);
  }

  /** Local files the loaded rulesets were built from: what an editor should watch for changes. */
  rulesetDependencies(): string[] {
    return this.rulesets.dependencies();
  }

  private async resolveRuleset(options: LintOptions): Promise<{ file: string; loaded: LoadedRuleset; rulesetError?: string }> {
    const file = await this.rulesetFor(options);
    try {
      const loaded = await this.rulesets.get(file, options.trust);
      this.lastGood.set(file, loaded);
      return { file, loaded };
    } catch (error) {
      const loadError = error instanceof RulesetLoadError ? error : new RulesetLoadError(file, oneLine(error));
      if (options.onRulesetError !== 'fallback') throw loadError;
      this.host.log.warn(`ruleset ${file}: ${loadError.message}`);
      const fallback = this.lastGood.get(file);
      const loaded = fallback ?? this.builtinDefault();
      const using = fallback ? 'the last version that loaded' : `the built-in ${DEFAULT_RULESET_NAME} ruleset`;
      return { file, loaded, rulesetError: `${file}: ${loadError.message} (using ${using})` };
    }
  }

  private builtinDefault(): LoadedRuleset {
    return (this.defaultRuleset ??= loadBuiltinRuleset(DEFAULT_RULESET_NAME));
  }

  private spectralFor(loaded: LoadedRuleset, trust: TrustOptions): Spectral {
    let byTrust = this.spectrals.get(loaded);
    if (!byTrust) this.spectrals.set(loaded, (byTrust = new BoundedMap(8)));
    const key = `${trust.allowRemote}\0${trust.allowedRoots.join('\0')}`;
    let spectral = byTrust.get(key);
    if (!spectral) {
      spectral = new Spectral({ resolver: createRefResolver(this.host, trust) });
      spectral.setRuleset(loaded.ruleset);
      byTrust.set(key, spectral);
    }
    return spectral;
  }

  /** The files the document reaches through $refs, read like Spectral reads them (open editor text first). */
  private async refGraph(document: Document, options: LintOptions): Promise<RefGraph | undefined> {
    // Most documents have only local refs: no walk at all for them.
    if (!hasExternalRefs(options.text)) return undefined;
    const open = new Map(Object.entries(options.openDocuments ?? {}).map(([file, text]) => [nodePath.resolve(file), text]));
    try {
      return await buildRefGraph({
        filePath: options.filePath,
        document,
        trust: options.trust,
        readFile: async (file) => open.get(file) ?? this.host.fs.readFile(file),
        realPath: this.host.fs.realPath?.bind(this.host.fs),
        fileInfo: this.host.fs.fileInfo?.bind(this.host.fs),
      });
    } catch (error) {
      this.host.log.warn(`$ref graph of ${options.filePath} failed: ${oneLine(error)}`);
      return undefined;
    }
  }

  private referencedOperations(graph: RefGraph, document: Document, audience: AudienceConfig) {
    try {
      return referencedOperations(graph, document.data, audience);
    } catch (error) {
      this.host.log.warn(`audience resolution of referenced files failed for ${graph.root}: ${oneLine(error)}`);
      return [];
    }
  }

  private operationAudiences(document: Document, audience: AudienceConfig, filePath: string): OperationAudience[] {
    try {
      const keyRanges = KeyRanges.of(document);
      return resolveOperationAudiences(document.data, audience, filePath).map((op) => {
        // Key and body: hover and CodeLens answer on the `get:` line too.
        const body = document.getRangeForJsonPath(op.jsonPath, true) ?? DOCUMENT_START;
        return { ...op, range: keyRanges ? keyRanges.keyAndValueRange(op.jsonPath, body) : body };
      });
    } catch (error) {
      this.host.log.warn(`audience resolution failed for ${filePath}: ${oneLine(error)}`);
      return [];
    }
  }

  private async run(document: Document, loaded: LoadedRuleset, options: LintOptions, budget: LintBudget): Promise<Finding[]> {
    setOpenDocuments(document.data, options.openDocuments);
    disableRulesFor(document, options.disabledRules ?? []);
    setBudgetFor(document, budget);
    try {
      const results = await this.spectralFor(loaded, options.trust).run(document);
      const linted = { source: document.source, keyRanges: KeyRanges.of(document) };
      const findings = results.map((r) => toFinding(r, loaded.ruleset, linted));
      for (const failure of takeRuleFailures(document)) {
        this.host.log.error(`rule ${failure.rule} failed on ${options.filePath}: ${failure.stack ?? failure.message}`);
        findings.push(documentFinding('rule-error', `Rule "${failure.rule}" of ${loaded.name} failed and was skipped: ${failure.message}`));
      }
      const unfinished = takeUnfinishedRules(document);
      if (unfinished.length > 0) findings.push(budgetSpentFinding(budget.budgetMs, unfinished));
      return findings;
    } catch (error) {
      // One throwing rule function aborts Spectral's whole run; say so instead of showing nothing.
      this.host.log.error(`lint of ${options.filePath} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [documentFinding('lint-error', `Linting failed: ${oneLine(error)}`)];
    }
  }
}

/** The audiences a finding concerns: its operation's, else every operation's of the document, else the document's own. */
function audiencesOfFinding(finding: Finding, document: Document, exposure: ExposureContext): ResolvedAudience[] {
  if (operationPathOf(finding.path)) {
    const own = getOperationAudience(document, finding.path);
    if (own) return [own];
  }
  if (exposure.audiences.size > 0) return [...exposure.audiences.values()];
  const declared = documentAudience(document.data);
  if (declared) return [resolvedAudience(declared.audience, declared.source, declared.detail)];
  return [fileLevelAudience(exposure.config, exposure.config.filePath)];
}
