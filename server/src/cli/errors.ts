// Errors that end a CLI run with exit code 2, and the one-line rendering every stderr message uses.

export const PROGRAM = 'api-exposure-lint';

/** A mistake in how the CLI was called or configured: exit code 2, one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A configuration problem found while running (ruleset, git, baseline, output file): exit code 2. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

// Told apart by name, not instanceof: the sub-commands and --changed-since's root scan run from a second bundle
// (dist/cli-engine.js, scripts/build.mjs) with its own copy of these classes.
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof Error && error.name === 'ConfigurationError';
}

/** Collapses a multi-line message into one line: every CLI message on stderr is exactly one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
