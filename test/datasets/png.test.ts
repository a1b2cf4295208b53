/** The PNG encoder of `npm run scenes` (src/cli/png.ts): valid chunks, correct CRCs, pixels round-trip through zlib. */
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../src/cli/png';

function chunks(png: Buffer): { type: string; data: Buffer; crc: number }[] {
  const out = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('ascii', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length), crc: png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('png', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 255);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('writes signature, IHDR, IDAT, IEND with valid CRCs and the pixels row by row', () => {
    const width = 3;
    const height = 2;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => i * 10);
    const png = encodePng(width, height, rgb);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of list) expect(c.crc).toBe(crc32(Buffer.concat([Buffer.from(c.type, 'ascii'), c.data])));
    const ihdr = list[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([3, 2, 8, 2, 0, 0, 0]);
    const raw = inflateSync(list[1]!.data);
    expect(Array.from(raw)).toEqual([0, ...rgb.subarray(0, 9), 0, ...rgb.subarray(9)]);
  });

  it('rejects a size that does not match the pixels', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(/11 bytes given, 12 needed/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/positive integers/);
  });
});
