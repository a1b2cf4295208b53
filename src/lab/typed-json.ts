/**
 * JSON that keeps typed arrays and binary buffers: a Float32Array becomes
 * `{ "$typed": "Float32Array", "values": [...] }` (float32 values print exactly and read back
 * bit-identical; NaN is written as null and read back as NaN) and an ArrayBuffer `{ "$bytes": "<base64>" }`. Reading rebuilds them; any other
 * object is left alone. Used by run files (samples, masks, checkpoints).
 */

const TYPED = { Float32Array, Int32Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): ArrayBuffer {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes.buffer;
}

/** JSON.stringify that writes typed arrays and ArrayBuffers in the tagged forms above. */
export function stringifyTyped(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      if (raw instanceof ArrayBuffer) return { $bytes: base64(new Uint8Array(raw)) };
      for (const name of Object.keys(TYPED) as TypedName[]) if (raw instanceof TYPED[name]) return { $typed: name, values: Array.from(raw as ArrayLike<number>) };
      return v;
    },
    indent,
  );
}

/** JSON.parse that rebuilds the tagged typed arrays and buffers; a malformed tag is a RangeError. */
export function parseTyped(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if ('$bytes' in o) {
      if (typeof o.$bytes !== 'string') throw new RangeError('$bytes: expected a base64 string');
      return fromBase64(o.$bytes);
    }
    if ('$typed' in o) {
      const name = o.$typed as TypedName;
      if (!(name in TYPED) || !Array.isArray(o.values) || o.values.some((x) => typeof x !== 'number' && x !== null)) {
        throw new RangeError(`$typed: ${JSON.stringify(o.$typed)} with these values is not allowed; allowed: ${Object.keys(TYPED).join(', ')} with a list of numbers`);
      }
      // JSON has no NaN: a non-finite value was written as null.
      return TYPED[name].from((o.values as (number | null)[]).map((x) => x ?? Number.NaN));
    }
    return v;
  });
}
