/** Run files and summary.json: round trip (typed arrays, NaN, checkpoint bytes) and errors naming the field. */
import { describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS } from '../../src/lab/experiment-config';
import type { RunCheckpoint } from '../../src/lab/run-checkpoint';
import { parseResultsFile, runFileJson } from '../../src/lab/run-file';
import { newRunRecord, recordEvent } from '../../src/lab/run-record';
import { parseTyped, stringifyTyped } from '../../src/lab/typed-json';

const config = { ...EXPERIMENT_DEFAULTS, steps: 20, seed: 3 };

function sampleRecord() {
  const record = newRunRecord({}, config);
  recordEvent(record, { type: 'step', step: 10, framesSeen: 2560, losses: { pixel: { loss: 0.25 }, jepa: { loss: 1.5, sigreg: 1.1 } }, stepsPerSecond: 4 });
  recordEvent(record, { type: 'evaluation', step: 10, framesSeen: 2560, learner: 'jepa', labelledClips: 256, metrics: { 'collapse.rank': 7.5, 'probe.r2': Number.NaN } });
  recordEvent(record, {
    type: 'samples',
    step: 10,
    shape: { T: 2, H: 2, W: 2 },
    clip: Float32Array.from([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1 / 3]),
    mask: { strategy: 'random-patches', requestedRatio: 0.5, ratio: 0.5, context: Int32Array.from([0]), target: Int32Array.from([1]), grid: { nt: 1, nh: 1, nw: 2 } },
    pixelPredictions: [Float32Array.from([Number.NaN, 1, 2, 3, 4, 5, 6, 7])],
    retrieved: null,
    futuresMean: null,
  });
  return record;
}

const checkpoint: RunCheckpoint = {
  step: 10,
  runtimeMs: 1234,
  header: { format: 'jepa-playground-race-checkpoint', version: 1, config, step: 10, optimizerIterations: { pixel: 10, jepa: 10 } },
  weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
  weightData: Float32Array.from([1.5, -2.25]).buffer,
};

describe('typed JSON', () => {
  test('typed arrays and buffers come back bit-identical; NaN survives as NaN', () => {
    const value = { f: Float32Array.from([1 / 3, Number.NaN, -0.1]), i: Int32Array.from([5, -7]), b: Uint8Array.from([0, 255]).buffer };
    const back = parseTyped(stringifyTyped(value)) as typeof value;
    expect(back.f).toBeInstanceOf(Float32Array);
    expect(Array.from(back.f)).toEqual(Array.from(value.f));
    expect(Array.from(back.i)).toEqual([5, -7]);
    expect(Array.from(new Uint8Array(back.b))).toEqual([0, 255]);
  });

  test('a malformed tag is refused, naming it', () => {
    expect(() => parseTyped('{"a":{"$typed":"Float64Array","values":[1]}}')).toThrow('$typed: "Float64Array" with these values is not allowed; allowed: Float32Array, Int32Array, Uint8Array with a list of numbers');
  });
});

describe('run files', () => {
  test('a run file reads back the config, records, samples and checkpoint', () => {
    const record = sampleRecord();
    const loaded = parseResultsFile(runFileJson({ preset: 'collapse', config, records: [record], checkpoint }));
    expect(loaded.source).toBe('run');
    expect(loaded.preset).toBe('collapse');
    expect(loaded.config).toEqual(config);
    const [back] = loaded.records;
    expect(back!.steps).toEqual(record.steps);
    expect(back!.evaluations[0]!.metrics['collapse.rank']).toBe(7.5);
    expect(back!.evaluations[0]!.metrics['probe.r2']).toBeNaN();
    expect(Array.from(back!.lastSamples!.clip)).toEqual(Array.from(record.lastSamples!.clip));
    expect(back!.lastSamples!.pixelPredictions[0]![0]).toBeNaN();
    expect(Array.from(back!.lastSamples!.mask.target)).toEqual([1]);
    expect(Array.from(new Float32Array(loaded.checkpoint!.weightData))).toEqual([1.5, -2.25]);
    expect(loaded.checkpoint!.runtimeMs).toBe(1234);
  });

  test('a run still going when saved loads as paused', () => {
    const loaded = parseResultsFile(runFileJson({ preset: null, config, records: [sampleRecord()], checkpoint: null }));
    expect(loaded.records[0]!.outcome).toBe('paused');
  });

  test('errors name the field and what is allowed', () => {
    const good = JSON.parse(runFileJson({ preset: null, config, records: [sampleRecord()], checkpoint: null }));
    const bad = (change: (o: any) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return () => parseResultsFile(JSON.stringify(copy));
    };
    expect(() => parseResultsFile('{not json')).toThrow(/^file: not a results file/);
    expect(bad((o) => (o.format = 'png'))).toThrow("format: \"png\" is not allowed; allowed: a 'jepa-playground-run' file saved by the page, or a summary.json from npm run experiment");
    expect(bad((o) => (o.version = 9))).toThrow('version: 9 is not supported; allowed: 1');
    expect(bad((o) => (o.records[0].evaluations[0].learner = 'vae'))).toThrow('records[0].evaluations[0].learner: "vae" is not allowed; allowed: pixel, jepa, sigreg-only, raw-pixels, aligned-crop');
    expect(bad((o) => (o.records[0].evaluations[0].metrics['collapse.rank'] = 'high'))).toThrow('records[0].evaluations[0].metrics.collapse.rank: "high" is not a number');
    expect(bad((o) => (o.config.batch = 0))).toThrow('config.batch: 0 is out of range; allowed integers from 2 to 1024');
    expect(bad((o) => (o.preset = 'fast'))).toThrow('preset: "fast" is not allowed; allowed: blurry-average, collapse, sample-efficiency, masking, sharp-futures');
    expect(bad((o) => delete o.records[0].steps)).toThrow('records[0].steps: expected a list');
  });

  test('a summary.json without curves (older) says to run the preset again', () => {
    const summary = { preset: 'collapse', config, runs: [{ variant: {}, seed: 1, outcome: 'done', config }] };
    expect(() => parseResultsFile(JSON.stringify(summary))).toThrow('runs[0].evaluations: missing; this summary.json predates curves in summaries: run the preset again with `npm run experiment`');
  });
});
