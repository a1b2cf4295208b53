/** Browser-layer helper: switch tfjs to `name` through our selection (workarounds applied) or fail. */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName, type BackendSelection } from '../../models/backend';
import { WASM_ASSET_URLS } from '../../src/wasm-asset-urls';

export async function useBackend(name: BackendName): Promise<BackendSelection> {
  const selection = await selectBackend({ requested: name, wasmPaths: WASM_ASSET_URLS });
  if (selection.backend !== name || tf.getBackend() !== name) {
    throw new Error(`wanted ${name}, got ${selection.backend}: ${selection.messages.join(' ')}`);
  }
  return selection;
}
