import { describe, expect, test } from 'vitest';
import { toCsv } from '../../src/lab/csv';

describe('toCsv', () => {
  test('header then rows in column order; missing, null and undefined cells are empty', () => {
    expect(toCsv(['seed', 'loss', 'note'], [{ loss: 0.5, seed: 1, note: 'ok' }, { seed: 2, loss: null }, { seed: 3, note: undefined }])).toBe(
      'seed,loss,note\n1,0.5,ok\n2,,\n3,,\n',
    );
  });
  test('numbers keep full precision; NaN and infinities are spelled out', () => {
    expect(toCsv(['v'], [{ v: 0.1 + 0.2 }, { v: 1e-21 }, { v: NaN }, { v: -Infinity }])).toBe('v\n0.30000000000000004\n1e-21\nNaN\n-Infinity\n');
  });
  test('commas, quotes and line breaks are quoted, quotes doubled (RFC 4180)', () => {
    expect(toCsv(['name', 'a,b'], [{ name: 'say "hi"', 'a,b': 'x\ny' }, { name: 'cr\r', 'a,b': 'plain' }])).toBe(
      'name,"a,b"\n"say ""hi""","x\ny"\n"cr\r",plain\n',
    );
  });
  test('no rows gives only the header', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\n');
  });
});
