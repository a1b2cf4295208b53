/** Browser layer: backend selection in real Chromium, WebGPU active, wasm from Vite-served binaries. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend, WEBGPU_SAFE_MATMUL_PROGRAM } from '../../models/backend';
import { WASM_ASSET_URLS } from '../../src/wasm-asset-urls';
import { expectNoLeak } from '../support/no-leak';

describe('selectBackend in Chromium', () => {
  test('picks WebGPU first and WebGPU is really active', async () => {
    const selection = await selectBackend({ wasmPaths: WASM_ASSET_URLS });
    expect(selection.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(selection.skipped).toEqual([]);
    expect(selection.adapter).not.toBeNull();
    expect(selection.adapter!.label.length).toBeGreaterThan(0);
    if (/swiftshader/i.test(selection.adapter!.architecture)) expect(selection.adapter!.cpuEmulated).toBe(true);
    expect(tf.env().getNumber('WEBGPU_MATMUL_PROGRAM_TYPE')).toBe(WEBGPU_SAFE_MATMUL_PROGRAM);
    const sum = tf.tidy(() => tf.sum(tf.range(0, 100)));
    expect((await sum.data())[0]).toBe(4950);
    sum.dispose();
  });

  test('webgl, wasm (single-threaded) and cpu can each be asked for', async () => {
    for (const name of ['webgl', 'wasm', 'cpu'] as const) {
      const selection = await selectBackend({ requested: name, wasmPaths: WASM_ASSET_URLS });
      expect(selection.backend).toBe(name);
      expect(selection.fellBack).toBe(false);
      expect(tf.getBackend()).toBe(name);
    }
    const wasm = await selectBackend({ requested: 'wasm', wasmPaths: WASM_ASSET_URLS });
    expect(wasm.wasmThreads).toBe(false);
    expect(wasm.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
  });

  test('a malformed request falls back to the default order with a message naming the field', async () => {
    const selection = await selectBackend({ requested: 'metal', wasmPaths: WASM_ASSET_URLS });
    expect(selection.backend).toBe('webgpu');
    expect(selection.messages[0]).toContain("backend: 'metal' is not a backend; allowed: webgpu, webgl, wasm, cpu");
  });

  test('a webgpu matMul leaks no tensors', async () => {
    await selectBackend({ requested: 'webgpu' });
    await expectNoLeak(async () => {
      const y = tf.tidy(() => tf.matMul(tf.ones([4, 8]), tf.ones([8, 2])));
      expect(Array.from(await y.data())).toEqual(new Array(8).fill(8));
      y.dispose();
    }, 'matMul on webgpu');
  });
});
