/** A ruleset could not be read, parsed, validated or was not allowed to run. The message is one line for users. */
export class RulesetLoadError extends Error {
  override readonly name = 'RulesetLoadError';
  /** The message as first written: rollup prefixes `message` when the error passes through a plugin. */
  readonly reason: string;
  constructor(
    readonly rulesetFile: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.reason = message;
  }
}

/** First line of an error's message, without Spectral's multi-line validation noise or stack. */
export function oneLine(error: unknown): string {
  const messages: string[] = [];
  // Spectral's AggregateError carries the interesting messages in `errors`.
  const nested = (error as { errors?: unknown[] } | null)?.errors;
  const withPath = (e: unknown): string => {
    const message = e instanceof Error ? e.message : String(e);
    const path = (e as { path?: unknown } | null)?.path;
    return Array.isArray(path) && path.length > 0 ? `${path.join('.')}: ${message}` : message;
  };
  if (Array.isArray(nested) && nested.length > 0) {
    for (const e of nested.slice(0, 3)) messages.push(withPath(e));
  } else {
    messages.push(withPath(error));
  }
  return messages
    .map((m) =>
      m
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' '),
    )
    .join('; ')
    .slice(0, 500);
}
