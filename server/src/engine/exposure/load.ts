// Reads one OpenAPI document's exposure the way the linter sees it: multi-file descriptions resolved
// with the engine's $ref resolver (same trust rules: allowed roots, no network unless enabled) and
// the audience configuration of the ruleset that applies to the file (x-exposure, overrides x-audience),
// merged after the caller's own (CLI --audience / --audience-glob), as the linter merges them.
import type { Document } from '@stoplight/spectral-core';
import type { EngineHost, TrustOptions } from '../host';
import type { AudienceConfig } from '../types';
import { createDocument, detectFormat, isOpenApiData, looksLikeOpenApi } from '../document';
import { JsonParser } from '../json-parse';
import { YamlParser } from '../yaml-parse';
import { createRefResolver } from '../ref-resolver';
import { findRulesetFile } from '../ruleset/discover';
import { RulesetCache } from '../ruleset/cache';
import { DEFAULT_RULESET_NAME } from '../ruleset/builtin-rulesets';
import { mergeAudienceConfigs } from '../ruleset/preprocess';
import { documentExposure, type DocumentExposure } from './snapshot';

export interface ExposureReadOptions {
  filePath: string;
  text: string;
  rulesetFile?: string;
  discoveryRoot?: string;
  audience?: AudienceConfig;
  trust: TrustOptions;
}

export interface ReadExposure {
  exposure: DocumentExposure;
  /** The parsed root document, for ranges of JSON paths. */
  document: Document<unknown, any>;
  /** $refs that could not be resolved (refused or missing), one line each. */
  refErrors: string[];
  ruleset: string;
}

export class ExposureReader {
  private readonly rulesets: RulesetCache;

  constructor(private readonly host: EngineHost) {
    this.rulesets = new RulesetCache(host);
  }

  /** The document's exposure, or undefined when the text is not an OpenAPI document. Ruleset failures throw RulesetLoadError. */
  async read(options: ExposureReadOptions): Promise<ReadExposure | undefined> {
    const document = createDocument(options.text, options.filePath, detectFormat(options.filePath, options.text));
    if (!isOpenApiData(document.data) && !looksLikeOpenApi(options.text)) return undefined;
    const ruleset =
      options.rulesetFile ?? (await findRulesetFile(options.filePath, options.discoveryRoot, this.host.fs)) ?? DEFAULT_RULESET_NAME;
    const loaded = await this.rulesets.get(ruleset, options.trust);
    const audience = mergeAudienceConfigs([options.audience ?? {}, loaded.audience]);
    const { resolved, refErrors } = await this.resolve(document, options.trust);
    return { exposure: documentExposure(resolved, audience, options.filePath), document, refErrors, ruleset };
  }

  private async resolve(document: Document<unknown, any>, trust: TrustOptions): Promise<{ resolved: unknown; refErrors: string[] }> {
    if (typeof document.data !== 'object' || document.data === null) return { resolved: document.data, refErrors: [] };
    const resolver = createRefResolver(this.host, trust);
    const result = await resolver.resolve(document.data, {
      baseUri: document.source ?? undefined,
      parseResolveResult: async (opts: { targetAuthority: { href(): string }; result: unknown }) => {
        const source = opts.targetAuthority.href().replace(/\/$/, '');
        const parser = source.toLowerCase().endsWith('.json') ? JsonParser : YamlParser;
        opts.result = parser.parse(String(opts.result)).data;
        return opts;
      },
    } as Parameters<typeof resolver.resolve>[1]);
    return { resolved: result.result, refErrors: result.errors.map((e) => `${e.path.join('.')}: ${e.message}`) };
  }
}
