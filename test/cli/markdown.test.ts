import { describe, expect, test } from 'vitest';
import { markdownTable } from '../../src/cli/markdown';

describe('markdownTable', () => {
  test('header, separator and rows, padded to the widest cell', () => {
    expect(markdownTable(['method', 'rank'], [['SIGReg', '12.3'], ['none', 1]])).toBe(
      ['| method | rank |', '| ------ | ---- |', '| SIGReg | 12.3 |', '| none   | 1    |', ''].join('\n'),
    );
  });
  test('pipes are escaped and line breaks flattened inside cells', () => {
    expect(markdownTable(['a|b'], [['x | y'], ['two\nlines']])).toBe(
      ['| a\\|b      |', '| --------- |', '| x \\| y    |', '| two lines |', ''].join('\n'),
    );
  });
  test('no rows gives header and separator; ragged rows are refused', () => {
    expect(markdownTable(['a'], [])).toBe('| a   |\n| --- |\n');
    expect(() => markdownTable(['a', 'b'], [['1']])).toThrow('row 0 has 1 cells, 2 headers given');
    expect(() => markdownTable([], [])).toThrow(RangeError);
  });
});
