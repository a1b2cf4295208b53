/**
 * `npx tsx src/cli/mask-overlap.ts`: how different the masking strategies' masks are on the
 * default token grid and on the 8 × 8 spatial grids (the `masking` preset's, and 2 × 4 × 4
 * tubelets), as Markdown on stdout. Pure computation on mask draws: no training, a few seconds.
 */
import { tokenGrid } from '../../models/tubelets';
import { experimentTokenGrid } from '../lab/experiment-config';
import { PRESETS } from '../lab/presets';
import { overlapReport } from './mask-overlap-report';

const clip = { T: 8, H: 32, W: 32 };
const grids = [tokenGrid(clip), experimentTokenGrid(PRESETS.masking.base), tokenGrid(clip, { t: 2, h: 4, w: 4 })];
process.stdout.write(overlapReport(grids, ['random-patches', 'random-tubes', 'multi-block', 'vjepa-tubes'], [0.5, 0.75, 0.9]));
