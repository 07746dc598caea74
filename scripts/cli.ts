/** What the command-line scripts share: argument parsing and failing with a usage message. */

/** Prints the message and exits with 2 (a usage error, as opposed to 1: bad data). */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/**
 * `--name value` and `--name=value` for the known names; anything else not
 * starting with `--` is positional. An unknown option or a missing value fails
 * with the usage text.
 */
export function parseArgs(
  args: readonly string[],
  names: readonly string[],
  usage: string,
): { positional: string[]; options: Record<string, string | undefined> } {
  const positional: string[] = [];
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!names.includes(name)) fail(`unknown option --${name}\n${usage}`);
    const value = inline ?? args[++i];
    if (value === undefined) fail(`--${name} needs a value\n${usage}`);
    options[name] = value;
  }
  return { positional, options };
}
