// The lint pipeline, the same for the CLI, the language server and tests:
// text → Document → (not OpenAPI? stop) → ruleset (discovered, cached) → Spectral run → Findings
// annotated with audiences and documentation, minus inline suppressions.
import { Spectral, type Document } from '@stoplight/spectral-core';
import type { EngineHost, TrustOptions } from './host';
import type { LintOptions } from './lint-options';
import type { AudienceConfig, DocumentFormat, Finding, LintResult, OperationAudience } from './types';
import { exposurePass } from './exposure-first/exposure-pass';
import { jsonValueRanges } from './exposure-first/json-locator';
import { createDocument, detectFormat, DocumentRefusedError, isOpenApiData, looksLikeOpenApi } from './document';
import { DOCUMENT_START, documentFinding, notLintedResult } from './document-findings';
import { createRefResolver } from './ref-resolver';
import { resolveOperationAudiences } from './audience';
import { setExposureConfig } from './exposure-context';
import { applySuppressions } from './suppressions';
import { attachAudiences, compareFindings, toFinding } from './findings';
import { findRulesetFile } from './ruleset/discover';
import { RulesetCache } from './ruleset/cache';
import { DEFAULT_RULESET_NAME, isBuiltinRulesetName } from './ruleset/builtin-rulesets';
import { isUrl } from './paths';
import * as nodePath from 'node:path';
import { RulesetLoadError, oneLine } from './ruleset/errors';
import { loadBuiltinRuleset, type LoadedRuleset } from './ruleset/load';
import { mergeAudienceConfigs } from './ruleset/preprocess';
import { disableRulesFor, setDeadlineFor, takeRuleFailures, takeUnfinishedRules } from './ruleset/guard-functions';
import { DEFAULT_MAX_DOCUMENT_SIZE, effectiveBudgetMs } from './lint-options';

/** Rulesets, $refs and globs are resolved against absolute paths; callers may pass relative ones. */
function absolutePaths<T extends Pick<LintOptions, 'filePath' | 'rulesetFile' | 'discoveryRoot'>>(options: T): T {
  const abs = (p: string) => (isUrl(p) || isBuiltinRulesetName(p) ? p : nodePath.resolve(p));
  return {
    ...options,
    filePath: abs(options.filePath),
    ...(options.rulesetFile ? { rulesetFile: abs(options.rulesetFile) } : {}),
    ...(options.discoveryRoot ? { discoveryRoot: abs(options.discoveryRoot) } : {}),
  };
}

function tooLarge(filePath: string, text: string, maxSize: number): LintResult {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const message = `Not linted: the document is ${mb(text.length)} MB, over the ${mb(maxSize)} MB limit (raise it with maxDocumentSize / --max-document-size)`;
  return notLintedResult(filePath, text, documentFinding('document-too-large', message, 'warn'));
}

/** An alias bomb or absurd nesting: refused before Spectral would hang or overflow on it. */
function refused(filePath: string, text: string, error: DocumentRefusedError): LintResult {
  return notLintedResult(filePath, text, documentFinding(error.code, error.message));
}

/** One finding for all the rules a spent time budget cut short; everything they and the others found is kept. */
function budgetSpentFinding(budgetMs: number, rules: string[]): Finding {
  const names = rules.map((rule) => `"${rule}"`).join(', ');
  const which = rules.length === 1 ? `rule ${names} did not finish, so its findings may be incomplete` : `rules ${names} did not finish, so their findings may be incomplete`;
  return documentFinding(
    'rule-timeout',
    `Linting stopped after ${Math.round(budgetMs / 1000)} s: ${which}; all other results are shown (raise the limit with lintTimeoutMs / --timeout)`,
  );
}

export class Linter {
  private readonly rulesets: RulesetCache;
  /** Last ruleset that loaded for a given configured/discovered ruleset file: the editor's fallback. */
  private readonly lastGood = new Map<string, LoadedRuleset>();
  private readonly spectrals = new WeakMap<LoadedRuleset, Map<string, Spectral>>();
  private defaultRuleset: LoadedRuleset | undefined;

  constructor(private readonly host: EngineHost) {
    this.rulesets = new RulesetCache(host);
  }

  async lint(requested: LintOptions): Promise<LintResult> {
    const startedAt = Date.now();
    const options = absolutePaths(requested);
    const format = detectFormat(options.filePath, options.text);
    const maxSize = options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE;
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

    const { loaded, rulesetError } = await this.resolveRuleset(options);
    const audience = mergeAudienceConfigs([options.audience ?? {}, loaded.audience]);
    const operations = this.operationAudiences(document, audience, options.filePath);
    const findings = await this.run(document, loaded, audience, options, startedAt);
    attachAudiences(findings, operations);

    const result: LintResult = {
      isOpenApi: true,
      format,
      findings: applySuppressions(findings, document.data).sort(compareFindings),
      operations,
      ruleset: loaded.name,
    };
    if (rulesetError) result.rulesetError = rulesetError;
    if (loaded.untrustedCodeSkipped) result.untrustedCodeSkipped = loaded.untrustedCodeSkipped;
    return result;
  }

  /** The exposure rules' findings only, fast (see exposure-first/exposure-pass.ts). */
  private async lintExposure(options: LintOptions, format: DocumentFormat): Promise<LintResult> {
    const unavailable: LintResult = { isOpenApi: true, format, findings: [], operations: [], ruleset: '', phase: 'exposure', exposureUnavailable: true };
    if (!looksLikeOpenApi(options.text)) return { ...unavailable, isOpenApi: false };
    let document: Document | undefined;
    let data: unknown;
    try {
      if (format === 'json') {
        data = JSON.parse(options.text.charCodeAt(0) === 0xfeff ? options.text.slice(1) : options.text);
      } else {
        document = createDocument(options.text, options.filePath, format);
        if (document.diagnostics.length > 0) return unavailable; // Spectral reads broken YAML its own way
        data = document.data;
      }
    } catch {
      return unavailable; // not plain JSON, refused, or too deep: the complete lint reports it
    }
    if (!isOpenApiData(data)) return unavailable;
    const { loaded, rulesetError } = await this.resolveRuleset(options);
    const audience = mergeAudienceConfigs([options.audience ?? {}, loaded.audience]);
    const configHolder = document ?? { source: options.filePath, data };
    setExposureConfig(configHolder, { ...audience, filePath: options.filePath });
    let findings: Finding[] | undefined;
    try {
      findings = exposurePass({ filePath: options.filePath, text: options.text, format, document, data, ruleset: loaded.ruleset, disabledRules: options.disabledRules ?? [], configHolder });
    } catch (error) {
      this.host.log.warn(`exposure pass of ${options.filePath} failed: ${oneLine(error)}`);
    }
    if (!findings) return { ...unavailable, ruleset: loaded.name };
    // Operations with their ranges, as the complete lint gives them: hover and CodeLens work from the early result too.
    const entries = resolveOperationAudiences(data, audience, options.filePath);
    const ranges = document ? entries.map((op) => document!.getRangeForJsonPath(op.jsonPath, true)) : jsonValueRanges(options.text, entries.map((op) => op.jsonPath));
    const operations = entries.map((op, i) => ({ ...op, range: ranges[i] ?? DOCUMENT_START }));
    attachAudiences(findings, operations);
    const result: LintResult = { isOpenApi: true, format, findings: applySuppressions(findings, data).sort(compareFindings), operations, ruleset: loaded.name, phase: 'exposure' };
    if (rulesetError) result.rulesetError = rulesetError;
    return result;
  }

  /** Which ruleset file applies to a document (explicit, discovered, or the built-in default name). */
  async rulesetFor(requested: Pick<LintOptions, 'filePath' | 'rulesetFile' | 'discoveryRoot'>): Promise<string> {
    const options = absolutePaths(requested);
    if (options.rulesetFile) return options.rulesetFile;
    return (await findRulesetFile(options.filePath, options.discoveryRoot, this.host.fs)) ?? DEFAULT_RULESET_NAME;
  }

  /** Drop cached rulesets built from `path` (a ruleset or a file it extends), or all of them. */
  invalidate(path?: string): boolean {
    return this.rulesets.invalidate(path);
  }

  /** Local files the loaded rulesets were built from: what an editor should watch for changes. */
  rulesetDependencies(): string[] {
    return this.rulesets.dependencies();
  }

  private async resolveRuleset(options: LintOptions): Promise<{ loaded: LoadedRuleset; rulesetError?: string }> {
    const file = await this.rulesetFor(options);
    try {
      const loaded = await this.rulesets.get(file, options.trust);
      this.lastGood.set(file, loaded);
      return { loaded };
    } catch (error) {
      const loadError = error instanceof RulesetLoadError ? error : new RulesetLoadError(file, oneLine(error));
      if (options.onRulesetError !== 'fallback') throw loadError;
      this.host.log.warn(`ruleset ${file}: ${loadError.message}`);
      const fallback = this.lastGood.get(file);
      const loaded = fallback ?? this.builtinDefault();
      const using = fallback ? 'the last version that loaded' : `the built-in ${DEFAULT_RULESET_NAME} ruleset`;
      return { loaded, rulesetError: `${file}: ${loadError.message} (using ${using})` };
    }
  }

  private builtinDefault(): LoadedRuleset {
    return (this.defaultRuleset ??= loadBuiltinRuleset(DEFAULT_RULESET_NAME));
  }

  private spectralFor(loaded: LoadedRuleset, trust: TrustOptions): Spectral {
    let byTrust = this.spectrals.get(loaded);
    if (!byTrust) this.spectrals.set(loaded, (byTrust = new Map()));
    const key = `${trust.allowRemote}\0${trust.allowedRoots.join('\0')}`;
    let spectral = byTrust.get(key);
    if (!spectral) {
      spectral = new Spectral({ resolver: createRefResolver(this.host, trust) });
      spectral.setRuleset(loaded.ruleset);
      byTrust.set(key, spectral);
    }
    return spectral;
  }

  private operationAudiences(document: Document, audience: AudienceConfig, filePath: string): OperationAudience[] {
    try {
      return resolveOperationAudiences(document.data, audience, filePath).map((op) => ({
        ...op,
        range: document.getRangeForJsonPath(op.jsonPath, true) ?? DOCUMENT_START,
      }));
    } catch (error) {
      this.host.log.warn(`audience resolution failed for ${filePath}: ${oneLine(error)}`);
      return [];
    }
  }

  private async run(document: Document, loaded: LoadedRuleset, audience: AudienceConfig, options: LintOptions, startedAt: number): Promise<Finding[]> {
    setExposureConfig(document, { ...audience, filePath: options.filePath });
    disableRulesFor(document, options.disabledRules ?? []);
    const budgetMs = effectiveBudgetMs(options.timeoutMs, options.text.length);
    setDeadlineFor(document, startedAt + budgetMs);
    try {
      const results = await this.spectralFor(loaded, options.trust).run(document);
      const findings = results.map((r) => toFinding(r, loaded.ruleset));
      for (const failure of takeRuleFailures(document)) {
        this.host.log.error(`rule ${failure.rule} failed on ${options.filePath}: ${failure.stack ?? failure.message}`);
        findings.push(documentFinding('rule-error', `Rule "${failure.rule}" of ${loaded.name} failed and was skipped: ${failure.message}`));
      }
      const unfinished = takeUnfinishedRules(document);
      if (unfinished.length > 0) findings.push(budgetSpentFinding(budgetMs, unfinished));
      return findings;
    } catch (error) {
      // One throwing rule function aborts Spectral's whole run; say so instead of showing nothing.
      this.host.log.error(`lint of ${options.filePath} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return [documentFinding('lint-error', `Linting failed: ${oneLine(error)}`)];
    }
  }
}
