/**
 * Allowed values of configuration fields, as data: one table drives validation (a RangeError that
 * names the field, the value and the allowed range), the command line's help, URL decoding and the
 * UI's slider limits, so a range is written once.
 */

export type FieldRule =
  | { kind: 'integer'; min: number; max: number; nullable?: boolean }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'boolean' };

/** "integers from 2 to 1024", "one of a, b" … : what a rule allows, in words. */
export function describeRule(rule: FieldRule): string {
  switch (rule.kind) {
    case 'integer':
      return `integers from ${rule.min} to ${rule.max}${rule.nullable ? ', or null' : ''}`;
    case 'number':
      return `numbers from ${rule.min} to ${rule.max}`;
    case 'choice':
      return rule.options.join(', ');
    case 'boolean':
      return 'true or false';
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Throws a RangeError naming `field` unless `value` satisfies `rule`. */
export function checkField(field: string, value: unknown, rule: FieldRule): void {
  const fail = (verb: string) => {
    throw new RangeError(`${field}: ${show(value)} ${verb}; allowed${rule.kind === 'choice' ? ':' : ''} ${describeRule(rule)}`);
  };
  switch (rule.kind) {
    case 'integer':
      if (value === null && rule.nullable) return;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) fail('is out of range');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max) fail('is out of range');
      return;
    case 'choice':
      if (typeof value !== 'string' || !rule.options.includes(value)) fail('is not allowed');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('is not allowed');
  }
}

/** The value at a dotted path ('mask.ratio') of a plain object; undefined when absent. */
export function valueAt(object: unknown, path: string): unknown {
  let node = object;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Checks every field of `rules` (keys are dotted paths) in `object`, in table order. */
export function checkFields(object: unknown, rules: Readonly<Record<string, FieldRule>>, prefix = ''): void {
  for (const [path, rule] of Object.entries(rules)) checkField(prefix + path, valueAt(object, path), rule);
}
