/** Unit layer (Node): backend selection offers wasm and cpu, falls back with reasons, applies workarounds. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import {
  applyBackendWorkarounds,
  BackendRequestError,
  describeAdapter,
  parseBackendName,
  selectBackend,
  WEBGPU_SAFE_MATMUL_PROGRAM,
} from '../../models/backend';

describe('selectBackend in Node', () => {
  test('default order lands on wasm and says why webgpu and webgl were skipped', async () => {
    const s = await selectBackend();
    expect(s.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(s.requested).toBeNull();
    expect(s.fellBack).toBe(false);
    expect(s.adapter).toBeNull();
    expect(s.skipped.map((k) => k.backend)).toEqual(['webgpu', 'webgl']);
    for (const k of s.skipped) expect(k.reason).toContain('not available in Node');
    expect(s.wasmThreads).toBe(false);
  });

  test('cpu can be asked for; better backends are reported as not tried', async () => {
    const s = await selectBackend({ requested: 'cpu' });
    expect(s.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(s.skipped).toEqual([
      { backend: 'webgpu', reason: 'not tried: cpu was asked for' },
      { backend: 'webgl', reason: 'not tried: cpu was asked for' },
      { backend: 'wasm', reason: 'not tried: cpu was asked for' },
    ]);
  });

  test('an unavailable backend falls back with a clear message instead of crashing', async () => {
    const s = await selectBackend({ requested: 'WebGPU' });
    expect(s.requested).toBe('webgpu');
    expect(s.backend).toBe('wasm');
    expect(s.fellBack).toBe(true);
    expect(s.messages).toEqual([
      'Asked for webgpu, which is unavailable (webgpu is not available in Node (Node offers wasm and cpu)); fell back to wasm.',
    ]);
  });

  test('a malformed request names the field and the allowed values, then uses the default order', async () => {
    const s = await selectBackend({ requested: 'tpu' });
    expect(s.backend).toBe('wasm');
    expect(s.requested).toBeNull();
    expect(s.messages[0]).toBe("backend: 'tpu' is not a backend; allowed: webgpu, webgl, wasm, cpu. Using the default order.");
  });

  test('an empty request means the default order, silently', async () => {
    const s = await selectBackend({ requested: '  ' });
    expect(s.backend).toBe('wasm');
    expect(s.messages).toEqual([]);
  });

  test('selection applies the tfjs 4.22 workarounds', async () => {
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', -1);
    applyBackendWorkarounds();
    expect(tf.env().getNumber('WEBGPU_MATMUL_PROGRAM_TYPE')).toBe(WEBGPU_SAFE_MATMUL_PROGRAM);
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });
});

describe('parseBackendName', () => {
  test('accepts the four names in any case', () => {
    expect(parseBackendName(' WebGL ')).toBe('webgl');
    expect(parseBackendName('cpu', '--backend')).toBe('cpu');
  });
  test('rejects others naming the field', () => {
    expect(() => parseBackendName('gpu', '--backend')).toThrow(BackendRequestError);
    expect(() => parseBackendName('gpu', '--backend')).toThrow("--backend: 'gpu' is not a backend; allowed: webgpu, webgl, wasm, cpu");
  });
});

describe('describeAdapter', () => {
  test('SwiftShader is flagged as CPU emulation', () => {
    const a = describeAdapter({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' });
    expect(a.cpuEmulated).toBe(true);
    expect(a.isFallbackAdapter).toBe(false);
    expect(a.label).toBe('google swiftshader — CPU emulation');
  });
  test('a fallback adapter is CPU emulation even with an unknown name', () => {
    expect(describeAdapter({ vendor: 'acme', isFallbackAdapter: true }).cpuEmulated).toBe(true);
    expect(describeAdapter({ vendor: 'acme' }, true).cpuEmulated).toBe(true);
  });
  test('a real GPU is not', () => {
    const a = describeAdapter({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100' });
    expect(a.cpuEmulated).toBe(false);
    expect(a.label).toBe('nvidia hopper NVIDIA H100');
  });
  test('missing info still gives a label', () => {
    expect(describeAdapter({}).label).toBe('unknown adapter');
  });
});
