// external-code-samples: external consumers learn an API from examples; the docs portal
// renders x-codeSamples (Redoc convention, legacy x-code-samples) next to each operation.
import { isObject } from '../../../server/src/engine/openapi';
import { perOperationRule } from './per-operation';

const isNonEmptyString = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export const externalCodeSamples = perOperationRule('external', (_document, op) => {
  const declared = ['x-codeSamples', 'x-code-samples'].filter((key) => key in op.operation);
  const samples = declared.flatMap((key) => {
    const value = op.operation[key];
    return Array.isArray(value) ? value : [];
  });
  if (samples.some((s) => isObject(s) && isNonEmptyString(s.lang) && isNonEmptyString(s.source))) return undefined;
  if (declared.length === 0) return 'has no x-codeSamples (add at least one item with lang and source)';
  return `has no usable ${declared.join('/')} item: each needs a non-empty string lang and source`;
});
