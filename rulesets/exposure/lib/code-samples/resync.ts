// Keeps generated code samples true to the operation's security. A fix that changes which credentials
// an operation takes (API key → OAuth, none → OAuth) also rewrites the samples this tool generated for
// it, so samples and security agree whatever order fixes run in (one by one, fix-all, --fix).
// A sample counts as generated when its source is exactly what a generator produces for the operation
// with some credentials the document can express: hand-written samples are never touched.
import {
  effectiveSecurity,
  getIn,
  isObject,
  listOperations,
  securitySchemes,
  setValue,
  specVersion,
  type EditOp,
  type JsonPath,
} from '../../../../server/src/engine/rules-api';
import { SAMPLE_LANGUAGES } from './sample-generators';
import { buildSampleRequest, sampleAuthOf, type SampleAuth } from './sample-request';

export const SAMPLE_KEYS = ['x-codeSamples', 'x-code-samples'] as const;

/** Which operations a security change affects: the given ones, or every one that inherits the root's security. */
export type ResyncTarget = JsonPath[] | 'inheriting';

function targetOperations(data: unknown, target: ResyncTarget): JsonPath[] {
  if (target !== 'inheriting') return target;
  return listOperations(data)
    .filter((op) => effectiveSecurity(data, op.operation).source !== 'operation')
    .map((op) => op.jsonPath);
}

interface GeneratedSample {
  path: JsonPath;
  source: string;
  /** What the generator writes for the operation as it is now. */
  wanted: string;
}

/** The samples of the target operations that one of our generators wrote, for some credentials the document can express. */
function generatedSamples(data: unknown, target: ResyncTarget): GeneratedSample[] {
  const version = specVersion(data);
  const auths: (SampleAuth | undefined)[] = [undefined, ...Object.values(securitySchemes(data)).map(sampleAuthOf).filter(Boolean)];
  const found: GeneratedSample[] = [];
  for (const opPath of targetOperations(data, target)) {
    for (const key of SAMPLE_KEYS) {
      const samples = getIn(data, [...opPath, key]);
      if (!Array.isArray(samples) || samples.length === 0) continue;
      const request = buildSampleRequest(data, version, opPath);
      samples.forEach((sample, i) => {
        if (!isObject(sample) || typeof sample.source !== 'string') return;
        const language = SAMPLE_LANGUAGES.find((l) => l.lang === sample.lang);
        if (!language || !auths.some((auth) => language.generate({ ...request, auth }) === sample.source)) return;
        found.push({ path: [...opPath, key, i, 'source'], source: sample.source, wanted: language.generate(request) });
      });
    }
  }
  return found;
}

/**
 * Ops to append after a security change: each rewrites one stale generated sample, re-reading the
 * document as the earlier ops left it. `data` is the document before the fix: it says how many
 * generated samples there are (hand-written ones cost nothing).
 */
export function resyncCodeSampleOps(data: unknown, target: ResyncTarget): EditOp[] {
  const resyncOne: EditOp = Object.assign(
    (doc: Parameters<EditOp>[0]) => {
      const stale = generatedSamples(doc.data, target).find((sample) => sample.source !== sample.wanted);
      return stale ? setValue(stale.path, stale.wanted)(doc) : null;
    },
    { optional: true },
  );
  return Array.from({ length: generatedSamples(data, target).length }, () => resyncOne);
}
