// Argument parsing for the lint command (args.ts) and the sub-commands (diff, report, merge): one small table
// per command, one scanner, so every command has the same conventions and one-line messages: --name value,
// --name=value, short aliases, "--" ends the options, "-" is a file (stdin).
import { UsageError } from './errors';

export interface CommandSpec {
  /** Options that take a value; the last one wins unless listed in `repeatable`. */
  values: readonly string[];
  repeatable?: readonly string[];
  flags: readonly string[];
  short?: Readonly<Record<string, string>>;
  aliases?: Readonly<Record<string, string>>;
}

export interface ParsedCommand {
  positionals: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** What the scanner found, in argument order (so the first mistake is the one reported). */
export interface ArgVisitor {
  positional(arg: string): void;
  value(name: string, value: string): void;
  flag(name: string): void;
}

/** Scans argv against a command's table. `command` names a sub-command in messages; absent for the lint command. */
export function scanArgs(argv: readonly string[], spec: CommandSpec, visit: ArgVisitor, command?: string): void {
  const help = command === undefined ? '(see --help)' : `for ${command} (see ${command} --help)`;
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      visit.positional(arg);
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
      if (!long) throw new UsageError(`unknown option ${arg} ${help}`);
      name = long;
    }
    if (spec.values.includes(name)) {
      let value = inline;
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value`);
        value = argv[++i];
      }
      if (value === '') throw new UsageError(`option --${name} needs a non-empty value`);
      visit.value(name, value);
    } else if (spec.flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`option --${name} does not take a value`);
      visit.flag(name);
    } else {
      throw new UsageError(`unknown option --${name} ${help}`);
    }
  }
}

export function parseCommandArgs(command: string, argv: readonly string[], spec: CommandSpec): ParsedCommand {
  const parsed: ParsedCommand = { positionals: [], values: new Map(), flags: new Set() };
  scanArgs(
    argv,
    spec,
    {
      positional: (arg) => parsed.positionals.push(arg),
      value: (name, value) => {
        const list = spec.repeatable?.includes(name) ? (parsed.values.get(name) ?? []) : [];
        list.push(value);
        parsed.values.set(name, list);
      },
      flag: (name) => parsed.flags.add(name),
    },
    command,
  );
  return parsed;
}

export function lastValue(parsed: ParsedCommand, name: string): string | undefined {
  return parsed.values.get(name)?.at(-1);
}

export function oneOfValues<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for --${option}: expected one of ${allowed.join(', ')}`);
}
