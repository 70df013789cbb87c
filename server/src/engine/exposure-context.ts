// Spectral custom functions only see the Document being linted, not the linter's options.
// The linter attaches the audience configuration to that Document here before each run;
// the exposure rule functions read it back. A WeakMap lets documents be collected normally.
import type { AudienceConfig } from './types';

export type ExposureConfig = AudienceConfig & {
  /** Absolute path of the linted file, matched against the audience globs. */
  filePath?: string;
};

const configs = new WeakMap<object, ExposureConfig>();

export function setExposureConfig(document: object, config: ExposureConfig): void {
  configs.set(document, config);
}

/** The configuration set for this document, or `{}` (e.g. when run by the plain Spectral CLI). */
export function getExposureConfig(document: object | undefined): ExposureConfig {
  return (document && configs.get(document)) || {};
}
