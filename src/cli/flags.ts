/** Shared pieces of the command lines' flag parsing: the usage error and integer flags with a range. */

/** A bad flag or value: the command prints the message and exits with code 2. */
export class UsageError extends Error {}

/** `raw` as an integer in [min, max], or a UsageError naming `--flag` and the range. */
export function integerFlag(flag: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag}: '${raw ?? ''}' is invalid; allowed integers from ${min} to ${max}`);
  }
  return value;
}
