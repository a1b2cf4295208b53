/**
 * Fixed 3-D sine-cosine position embeddings (Vaswani et al. 2017, extended to (t, h, w) as in
 * MAE/I-JEPA/V-JEPA): the width is split into three even parts for time, height and width; each
 * part holds [sin(p·ω_i), cos(p·ω_i)] with ω_i = 10000^(−2i/d_part).
 */

export interface GridShape {
  nt: number;
  nh: number;
  nw: number;
}

function axisWidths(width: number): [number, number, number] {
  const spatial = 2 * Math.floor(width / 6);
  return [width - 2 * spatial, spatial, spatial];
}

function writeSinCos(out: Float32Array, offset: number, dims: number, position: number): void {
  const half = dims / 2;
  for (let i = 0; i < half; i++) {
    const omega = 1 / 10000 ** (i / half);
    out[offset + i] = Math.sin(position * omega);
    out[offset + half + i] = Math.cos(position * omega);
  }
}

/** Table [nt·nh·nw, width] in token order index = (t·nh + h)·nw + w. */
export function sincosPositions(grid: GridShape, width: number): Float32Array {
  if (width % 2 !== 0 || width < 6) throw new RangeError(`width: ${width} must be an even number ≥ 6`);
  const [dt, dh, dw] = axisWidths(width);
  const count = grid.nt * grid.nh * grid.nw;
  const table = new Float32Array(count * width);
  for (let t = 0; t < grid.nt; t++) {
    for (let h = 0; h < grid.nh; h++) {
      for (let w = 0; w < grid.nw; w++) {
        const row = ((t * grid.nh + h) * grid.nw + w) * width;
        writeSinCos(table, row, dt, t);
        writeSinCos(table, row + dt, dh, h);
        writeSinCos(table, row + dt + dh, dw, w);
      }
    }
  }
  return table;
}

/** Rows `indices` of a [count, width] table, as a new [indices.length, width] array. */
export function tableRows(table: Float32Array, width: number, indices: Int32Array): Float32Array {
  const out = new Float32Array(indices.length * width);
  indices.forEach((index, row) => out.set(table.subarray(index * width, (index + 1) * width), row * width));
  return out;
}
