/** Finding Chromium: CHROME_PATH wins; a missing one is an error that says how to install one. */
import { describe, expect, test } from 'vitest';
import { findChromium } from './chromium';

describe('findChromium', () => {
  test('uses CHROME_PATH when it exists', () => {
    expect(findChromium({ CHROME_PATH: process.execPath })).toEqual({ path: process.execPath });
  });
  test('a CHROME_PATH that does not exist is an error with the install hint, not a silent fallback', () => {
    const r = findChromium({ CHROME_PATH: '/nonexistent/chrome' });
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toContain("CHROME_PATH is set to '/nonexistent/chrome', which does not exist");
    expect((r as { error: string }).error).toContain('apt-get install -y chromium');
  });
});
