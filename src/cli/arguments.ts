/** A wrong command line: the message is shown with the usage, and the exit status is 2. */
export class UsageError extends Error {}

/** The options a command accepts: flags take no value, the others one. */
export interface OptionSpec {
  /** Options without a value, e.g. `--json`. */
  flags: readonly string[];
  /** Options with a value, given as `--name value` or `--name=value`. */
  values: readonly string[];
}

/** A parsed command line: positional arguments, flags set, and option values by name (without `--`). */
export interface ParsedArguments {
  /** Arguments that are not options, in order (`-` is one: standard input). */
  positional: string[];
  /** The flags given. */
  flags: Set<string>;
  /** The last value of each option given. */
  values: Map<string, string>;
}

/**
 * Reads a command line: `--name value` and `--name=value` both work, `-h` means `--help`, and `--` ends the
 * options.
 * @param argv The arguments after the command name.
 * @param spec What the command accepts.
 * @throws {UsageError} On an unknown option, a missing value, or a value given to a flag.
 */
export function parseArguments(argv: readonly string[], spec: OptionSpec): ParsedArguments {
  const parsed: ParsedArguments = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      parsed.flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option: ${arg}`);
      parsed.positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    if (spec.flags.includes(name)) {
      if (equals >= 0) throw new UsageError(`--${name} takes no value`);
      parsed.flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = equals >= 0 ? arg.slice(equals + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.values.set(name, value);
    } else throw new UsageError(`unknown option: --${name}`);
  }
  return parsed;
}
