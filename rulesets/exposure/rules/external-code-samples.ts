// external-code-samples: external consumers learn an API from examples; the docs portal
// renders x-codeSamples (Redoc convention, legacy x-code-samples) next to each operation.
// The quick fixes add a sample generated from the operation (curl by default; JavaScript and
// Python as extra actions); a language already present is not offered again.
import { appendItem, getIn, isObject, setValue, type Fixer, type PlannedFix } from '../../../server/src/engine/rules-api';
import { exposureRule } from '../lib/exposure-rule';
import { perOperationRule } from '../lib/per-operation';
import { SAMPLE_LANGUAGES } from '../lib/code-samples/sample-generators';
import { buildSampleRequest } from '../lib/code-samples/sample-request';

const CODE = 'external-code-samples';

const isNonEmptyString = (value: unknown) => typeof value === 'string' && value.trim() !== '';

const check = perOperationRule('external', (_document, op) => {
  const declared = ['x-codeSamples', 'x-code-samples'].filter((key) => key in op.operation);
  const samples = declared.flatMap((key) => {
    const value = op.operation[key];
    return Array.isArray(value) ? value : [];
  });
  if (samples.some((s) => isObject(s) && isNonEmptyString(s.lang) && isNonEmptyString(s.source))) return undefined;
  if (declared.length === 0) return 'has no x-codeSamples (add at least one item with lang and source)';
  return `has no usable ${declared.join('/')} item: each needs a non-empty string lang and source`;
});

const fixCodeSamples: Fixer<typeof CODE> = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const samplesPath = [...opPath, 'x-codeSamples'];
  const existing = getIn(ctx.data, samplesPath);
  const legacy = getIn(ctx.data, [...opPath, 'x-code-samples']);
  const present = new Set(
    [existing, legacy]
      .flatMap((list) => (Array.isArray(list) ? list : []))
      .filter(isObject)
      .map((s) => String(s.lang).toLowerCase()),
  );
  const request = buildSampleRequest(ctx.data, ctx.version, opPath);
  const fixes: PlannedFix<typeof CODE>[] = [];
  for (const language of SAMPLE_LANGUAGES) {
    if (present.has(language.lang.toLowerCase())) continue;
    const sample = { lang: language.lang, label: language.label, source: language.generate(request) };
    const isDefault = language === SAMPLE_LANGUAGES[0];
    fixes.push({
      title: `Add a ${language.label} code sample (${language.lang})`,
      id: `${CODE}/${language.label}`,
      isPreferred: isDefault,
      safe: isDefault,
      ops: [Array.isArray(existing) ? appendItem(samplesPath, sample) : setValue(samplesPath, [sample])],
    });
  }
  return fixes;
};

export const externalCodeSamples = exposureRule({
  code: CODE,
  severity: 'warn',
  appliesTo: 'external',
  summary: 'samples',
  description: 'External operations provide x-codeSamples with lang and source.',
  function: check,
  fixers: [fixCodeSamples],
});
