/** Headlines of a sweep whose extra axes must not be averaged together. */
import type { Headline, Preset } from './presets';
import type { RunRecord } from './run-record';

/**
 * The preset's headline; when --sweep adds axes the preset does not sweep itself, one headline per
 * combination of those axes (never an average across, say, two scenes).
 */
export function sweptHeadline(preset: Preset, records: readonly RunRecord[], extraAxes: readonly string[]): Headline | Record<string, Headline> {
  const varied = extraAxes.filter((key) => new Set(records.map((r) => r.variant[key])).size > 1);
  if (varied.length === 0) return preset.headline(records);
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const label = varied.map((key) => `${key} = ${r.variant[key]}`).join(', ');
    groups.set(label, [...(groups.get(label) ?? []), r]);
  }
  return Object.fromEntries([...groups].map(([label, runs]) => [label, preset.headline(runs)]));
}
