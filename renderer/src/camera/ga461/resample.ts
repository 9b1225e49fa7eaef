/**
 * Draws the photo from the frame through an inverse similarity. Each photo pixel averages k x k
 * bilinear samples spread over its footprint in the frame (k = ceil(frame px per photo px)), so a
 * downscale is an area average, not a pick of every n-th pixel, and an upscale stays bilinear.
 */
import { applySimilarity, invertSimilarity, type Similarity } from './similarity';
import type { RgbaImage } from './types';

export function resampleSimilarity(frame: RgbaImage, toPhoto: Similarity, width: number, height: number): RgbaImage {
  const toFrame = invertSimilarity(toPhoto);
  const k = Math.max(1, Math.ceil(toFrame.scale - 1e-9));
  const origin = applySimilarity(toFrame, { x: 0, y: 0 });
  const du = applySimilarity(toFrame, { x: 1, y: 0 });
  const dv = applySimilarity(toFrame, { x: 0, y: 1 });
  // Frame movement per photo pixel along u (right) and v (down).
  const ux = du.x - origin.x;
  const uy = du.y - origin.y;
  const vx = dv.x - origin.x;
  const vy = dv.y - origin.y;
  const src = frame.data;
  const fw = frame.width;
  const maxX = frame.width - 1;
  const maxY = frame.height - 1;
  const out = new Uint8ClampedArray(width * height * 4);
  const weight = 1 / (k * k);
  for (let v = 0; v < height; v += 1) {
    for (let u = 0; u < width; u += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < k; j += 1) {
        const pv = v + (j + 0.5) / k;
        for (let i = 0; i < k; i += 1) {
          const pu = u + (i + 0.5) / k;
          // Frame position of this sample, in pixel-centre coordinates (pixel n covers n..n+1).
          let x = origin.x + ux * pu + vx * pv - 0.5;
          let y = origin.y + uy * pu + vy * pv - 0.5;
          x = x < 0 ? 0 : x > maxX ? maxX : x;
          y = y < 0 ? 0 : y > maxY ? maxY : y;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const x1 = x0 < maxX ? x0 + 1 : x0;
          const y1 = y0 < maxY ? y0 + 1 : y0;
          const fx = x - x0;
          const fy = y - y0;
          const a = (y0 * fw + x0) * 4;
          const bI = (y0 * fw + x1) * 4;
          const c = (y1 * fw + x0) * 4;
          const d = (y1 * fw + x1) * 4;
          const w00 = (1 - fx) * (1 - fy);
          const w10 = fx * (1 - fy);
          const w01 = (1 - fx) * fy;
          const w11 = fx * fy;
          r += src[a]! * w00 + src[bI]! * w10 + src[c]! * w01 + src[d]! * w11;
          g += src[a + 1]! * w00 + src[bI + 1]! * w10 + src[c + 1]! * w01 + src[d + 1]! * w11;
          b += src[a + 2]! * w00 + src[bI + 2]! * w10 + src[c + 2]! * w01 + src[d + 2]! * w11;
        }
      }
      const o = (v * width + u) * 4;
      out[o] = r * weight;
      out[o + 1] = g * weight;
      out[o + 2] = b * weight;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}
