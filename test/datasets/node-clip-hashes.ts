/** Browser-project global setup: computes the reference clip digests in Node and provides them to the Chromium tests. */
import type { TestProject } from 'vitest/node';
import { computeClipHashes } from './clip-hashes';

export default async function setup(project: TestProject): Promise<void> {
  project.provide('nodeClipHashes', await computeClipHashes());
}
