// Argument parsing for the sub-commands (diff, report, merge): one small table per command, the same
// conventions and one-line messages as the lint command (args.ts): --name value, --name=value, short aliases,
// "--" ends the options.
import { UsageError } from './args';

export interface CommandSpec {
  /** Options that take a value; the last one wins unless listed in `repeatable`. */
  values: readonly string[];
  repeatable?: readonly string[];
  flags: readonly string[];
  short?: Record<string, string>;
  aliases?: Record<string, string>;
}

export interface ParsedCommand {
  positionals: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

export function parseCommandArgs(command: string, argv: readonly string[], spec: CommandSpec): ParsedCommand {
  const parsed: ParsedCommand = { positionals: [], values: new Map(), flags: new Set() };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      parsed.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      name = spec.aliases?.[name] ?? name;
    } else {
      const long = spec.short?.[arg.slice(1)];
      if (!long) throw new UsageError(`unknown option ${arg} for ${command} (see ${command} --help)`);
      name = long;
    }
    if (spec.values.includes(name)) {
      let value = inline;
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value`);
        value = argv[++i];
      }
      if (value === '') throw new UsageError(`option --${name} needs a non-empty value`);
      const list = spec.repeatable?.includes(name) ? parsed.values.get(name) ?? [] : [];
      list.push(value);
      parsed.values.set(name, list);
    } else if (spec.flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`option --${name} does not take a value`);
      parsed.flags.add(name);
    } else {
      throw new UsageError(`unknown option --${name} for ${command} (see ${command} --help)`);
    }
  }
  return parsed;
}

export function lastValue(parsed: ParsedCommand, name: string): string | undefined {
  return parsed.values.get(name)?.at(-1);
}

export function oneOfValues<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for --${option}: expected one of ${allowed.join(', ')}`);
}
