/**
 * The renderer's JPEG encoder: Chromium's own, through a canvas. OffscreenCanvas where there is one
 * (also in a worker), otherwise a detached <canvas>. The canvas is made once per size and reused:
 * the quality search encodes the same photo several times.
 */
import type { JpegEncoder } from './encode';
import type { RgbaImage } from './types';

type Surface = { readonly kind: 'offscreen'; readonly canvas: OffscreenCanvas } | { readonly kind: 'element'; readonly canvas: HTMLCanvasElement };

function makeSurface(width: number, height: number): Surface {
  if (typeof OffscreenCanvas !== 'undefined') return { kind: 'offscreen', canvas: new OffscreenCanvas(width, height) };
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { kind: 'element', canvas };
}

function toBlob(surface: Surface, quality: number): Promise<Blob> {
  if (surface.kind === 'offscreen') return surface.canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) => {
    surface.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no JPEG'))), 'image/jpeg', quality);
  });
}

export function createCanvasJpegEncoder(): JpegEncoder {
  let surface: Surface | undefined;
  let drawn: RgbaImage | undefined;
  return async (image, quality) => {
    if (!surface || surface.canvas.width !== image.width || surface.canvas.height !== image.height) {
      surface = makeSurface(image.width, image.height);
      drawn = undefined;
    }
    if (drawn !== image) {
      const context = surface.canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
      if (!context) throw new Error('no 2d canvas context for the JPEG encoder');
      context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
      drawn = image;
    }
    return new Uint8Array(await (await toBlob(surface, quality)).arrayBuffer());
  };
}
