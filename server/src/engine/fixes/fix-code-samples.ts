// external-code-samples: add `x-codeSamples` generated from the operation. curl is the
// default; JavaScript and Python are offered as extra actions. A language already present
// is not offered again.
import { appendItem, setValue } from './edit-ops';
import { getIn, isObject } from './openapi-model';
import type { Fixer, PlannedFix } from './plan';
import { SAMPLE_LANGUAGES } from './sample-generators';
import { buildSampleRequest } from './sample-request';

export const fixCodeSamples: Fixer = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const samplesPath = [...opPath, 'x-codeSamples'];
  const existing = getIn(ctx.data, samplesPath);
  const legacy = getIn(ctx.data, [...opPath, 'x-code-samples']);
  const present = new Set(
    [existing, legacy].flatMap((list) => (Array.isArray(list) ? list : [])).filter(isObject).map((s) => String(s.lang).toLowerCase()),
  );
  const request = buildSampleRequest(ctx.data, ctx.version, opPath);
  const fixes: PlannedFix[] = [];
  for (const language of SAMPLE_LANGUAGES) {
    if (present.has(language.lang.toLowerCase())) continue;
    const sample = { lang: language.lang, label: language.label, source: language.generate(request) };
    const isDefault = language === SAMPLE_LANGUAGES[0];
    fixes.push({
      title: `Add a ${language.label} code sample (${language.lang})`,
      id: `external-code-samples/${language.label}`,
      isPreferred: isDefault,
      safe: isDefault,
      ops: [Array.isArray(existing) ? appendItem(samplesPath, sample) : setValue(samplesPath, [sample])],
    });
  }
  return fixes;
};
