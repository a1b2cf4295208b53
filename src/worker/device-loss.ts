/**
 * The WebGPU device behind tfjs's webgpu backend: watch for its loss (a driver reset, the GPU
 * being removed, the browser reclaiming it) and destroy it on purpose to try that path.
 */
import * as tf from '@tensorflow/tfjs';

interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

function currentDevice(): GpuDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GpuDeviceLike }).device ?? null;
}

/** Calls `onLost` with a readable message once the current WebGPU device is lost. */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  const device = currentDevice();
  device?.lost.then((info) => {
    const why = [info.reason, info.message].filter((s) => s && s.length > 0).join(': ');
    onLost(`The GPU device was lost (${why || 'no reason given'}).`);
  });
}

/** Destroys the current WebGPU device (no-op on other backends). */
export function destroyDevice(): void {
  currentDevice()?.destroy();
}
