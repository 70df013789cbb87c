// Errors that end a CLI run with exit code 2, and the one-line rendering every stderr message uses.

export const PROGRAM = 'api-exposure-lint';

/** A configuration problem found while running (ruleset, git, baseline, output file): exit code 2. */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Collapses a multi-line message into one line: every CLI message on stderr is exactly one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
