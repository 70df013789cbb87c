// --output values: "<format>=<file>" writes that format to the file (repeatable, the console keeps
// its own report), a plain "<file>" writes the --format report there (the console gets the summary).
export interface OutputSpec {
  /** Undefined for a plain file: the run's --format applies. */
  format?: string;
  file: string;
}

/** "sarif=out/results.sarif" → { format: 'sarif', file }; anything else (no known format before "=") is a plain file. */
export function parseOutputSpec(value: string, formats: readonly string[]): OutputSpec {
  const at = value.indexOf('=');
  if (at > 0 && formats.includes(value.slice(0, at)) && at < value.length - 1)
    return { format: value.slice(0, at), file: value.slice(at + 1) };
  return { file: value };
}
