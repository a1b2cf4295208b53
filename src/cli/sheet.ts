/** An RGB canvas for PNG figures of clips (scene sheets, the ghost figure of a report). */
import { encodePng } from './png';

export type Rgb = readonly [number, number, number];

export class Sheet {
  readonly rgb: Uint8Array;

  constructor(readonly width: number, readonly height: number, background: Rgb) {
    this.rgb = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let i = y; i < y + h; i++) for (let j = x; j < x + w; j++) this.rgb.set(color, (i * this.width + j) * 3);
  }

  /** Frame `t` of a [T, H, W] clip, grey levels clamped to [0, 1], each pixel a scale × scale block. */
  frame(clip: Float32Array, t: number, H: number, W: number, x: number, y: number, scale: number): void {
    for (let i = 0; i < H * scale; i++) {
      for (let j = 0; j < W * scale; j++) {
        // Predictions may stray outside [0, 1]: clamp, or a Uint8Array would wrap −0.01 to white.
        const v = Math.round(Math.min(1, Math.max(0, clip[t * H * W + Math.floor(i / scale) * W + Math.floor(j / scale)]!)) * 255);
        const at = ((y + i) * this.width + x + j) * 3;
        this.rgb[at] = this.rgb[at + 1] = this.rgb[at + 2] = v;
      }
    }
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.rgb);
  }
}

