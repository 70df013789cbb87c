// What the report-writing sub-commands (diff, report) share: their arguments (a format, -o / --output, the
// lint command's ruleset, audience and trust options) and where their report goes (a file and a one-line
// summary on the console, or the console), so each command file holds only what it computes.
import path from 'node:path';
import type { CliOptions } from './args';
import { lastValue, oneOfValues, parseCommandArgs, type ParsedCommand } from './command-args';
import { parseOutputSpec, type OutputSpec } from './output-spec';
import type { RunEnvironment } from './run';
import { SHARED_ALIASES, SHARED_FLAGS, SHARED_REPEATABLE, SHARED_SHORT, SHARED_VALUES, sharedCliOptions } from './shared-options';
import { writeFormatOutputs, writeReport } from './write-report';

export interface SubcommandSpec<F extends string> {
  name: string;
  help: string;
  formats: readonly F[];
  defaultFormat: F;
  /** The command's own options besides format and output. */
  values?: string[];
  flags?: string[];
}

export interface SubcommandArgs<F extends string> {
  parsed: ParsedCommand;
  format: F;
  outputs: OutputSpec[];
  options: CliOptions;
}

/** The parsed arguments, or undefined after printing the help for --help. Throws UsageError on bad input. */
export function parseSubcommand<F extends string>(
  argv: readonly string[],
  spec: SubcommandSpec<F>,
  stdout: RunEnvironment['stdout'],
): SubcommandArgs<F> | undefined {
  const parsed = parseCommandArgs(spec.name, argv, {
    values: ['format', 'output', ...(spec.values ?? []), ...SHARED_VALUES],
    repeatable: ['output', ...SHARED_REPEATABLE],
    flags: [...(spec.flags ?? []), ...SHARED_FLAGS],
    short: { f: 'format', o: 'output', ...SHARED_SHORT },
    aliases: SHARED_ALIASES,
  });
  if (parsed.flags.has('help')) {
    stdout.write(spec.help);
    return undefined;
  }
  return {
    parsed,
    format: oneOfValues<F>('format', lastValue(parsed, 'format') ?? spec.defaultFormat, spec.formats),
    outputs: (parsed.values.get('output') ?? []).map((value) => parseOutputSpec(value, spec.formats)),
    options: sharedCliOptions(parsed, parsed.positionals),
  };
}

/**
 * Writes the report: with `-o <file>` to that file (the console gets `summary()`, unless --quiet), else to the
 * console; then every `--output <format>=<file>`. Returns whether the report went to the console.
 */
export async function emitSubcommandReport<F extends string>(
  args: SubcommandArgs<F>,
  environment: Pick<RunEnvironment, 'cwd' | 'stdout'>,
  render: (format: F, toConsole: boolean) => string,
  summary: () => string,
): Promise<boolean> {
  const { cwd, stdout } = environment;
  const file = args.outputs.find((o) => o.format === undefined)?.file;
  if (file !== undefined) {
    await writeReport(path.resolve(cwd, file), render(args.format, false));
    if (!args.options.quiet) stdout.write(summary());
  } else {
    stdout.write(render(args.format, true));
  }
  await writeFormatOutputs(args.outputs as readonly { format?: F; file: string }[], cwd, (format) => render(format, false));
  return file === undefined;
}
