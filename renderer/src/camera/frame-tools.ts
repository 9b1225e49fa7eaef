/**
 * Pixels of the camera's current frame, read in the page only: brightness for guidance and the
 * camera's status, the full frame for the GA 461 composer, and the live still (a crop around the
 * face, the one picture that leaves the page). Both JPEGs come from ga461's canvas encoder.
 */
import { CAPTURE_SIDE_RANGE, MAX_CAPTURE_JPEG_BYTES } from '../../../main/api/camera-contract';
import type { JpegEncoder, RgbaImage } from './ga461';
import type { FaceMeasure } from './face-measure';

const SAMPLE_W = 64;
const SAMPLE_H = 48;

export interface FrameLight {
  /** Mean luma 0..255. */
  readonly mean: number;
  /** Brightest minus darkest sampled cell: near 0 for a covered lens. */
  readonly spread: number;
}

/** Reused canvases: one capture session must not leave canvases behind (200 sessions per page). */
const canvases = new Map<string, HTMLCanvasElement>();
function canvas(name: string, width: number, height: number): CanvasRenderingContext2D {
  let c = canvases.get(name);
  if (!c) {
    c = document.createElement('canvas');
    canvases.set(name, c);
  }
  if (c.width !== width) c.width = width;
  if (c.height !== height) c.height = height;
  return c.getContext('2d', { willReadFrequently: true })!;
}

export function frameLight(video: HTMLVideoElement): FrameLight {
  const ctx = canvas('light', SAMPLE_W, SAMPLE_H);
  ctx.drawImage(video, 0, 0, SAMPLE_W, SAMPLE_H);
  const { data } = ctx.getImageData(0, 0, SAMPLE_W, SAMPLE_H);
  let sum = 0;
  let min = 255;
  let max = 0;
  for (let i = 0; i < data.length; i += 4) {
    const luma = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    sum += luma;
    if (luma < min) min = luma;
    if (luma > max) max = luma;
  }
  return { mean: sum / (SAMPLE_W * SAMPLE_H), spread: max - min };
}

/** The whole frame as RGBA (for the GA 461 composer). */
export function grabFrame(video: HTMLVideoElement): RgbaImage {
  const width = video.videoWidth;
  const height = video.videoHeight;
  const ctx = canvas('frame', width, height);
  ctx.drawImage(video, 0, 0, width, height);
  const image = ctx.getImageData(0, 0, width, height);
  return { width, height, data: image.data };
}

export interface Still {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * The live still: the head and shoulders around the face (2.2 face widths wide, 4:5), unmirrored,
 * at most 480 px wide, encoded (by the step's one JPEG encoder, ga461's canvas encoder) at the
 * best quality that fits the host's limit.
 */
export async function liveStill(video: HTMLVideoElement, face: FaceMeasure, encode: JpegEncoder): Promise<Still> {
  const frameW = video.videoWidth;
  const frameH = video.videoHeight;
  let cropW = Math.min(frameW, face.widthPx * 2.2);
  let cropH = cropW * 1.25;
  if (cropH > frameH) {
    cropH = frameH;
    cropW = cropH / 1.25;
  }
  const left = Math.min(Math.max(0, face.centreX - cropW / 2), frameW - cropW);
  const top = Math.min(Math.max(0, face.centreY - cropH * 0.45), frameH - cropH);
  const scale = Math.min(480 / cropW, Math.max(1, CAPTURE_SIDE_RANGE.min / cropW));
  const width = Math.max(CAPTURE_SIDE_RANGE.min, Math.round(cropW * scale));
  const height = Math.max(CAPTURE_SIDE_RANGE.min, Math.round(cropH * scale));
  const ctx = canvas('still', width, height);
  ctx.drawImage(video, left, top, cropW, cropH, 0, 0, width, height);
  const crop: RgbaImage = { width, height, data: ctx.getImageData(0, 0, width, height).data };
  for (const quality of [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]) {
    const jpeg = await encode(crop, quality);
    if (jpeg.length <= MAX_CAPTURE_JPEG_BYTES) return { jpeg, width, height };
  }
  throw new Error('the still does not fit the size limit even at low quality');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type MeshPoint = readonly [number, number, number?];

/** Mean luma of a rectangle of the frame drawn on the `shade` canvas. */
function meanLuma(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): number {
  const rx = Math.max(0, Math.round(x));
  const ry = Math.max(0, Math.round(y));
  const rw = Math.max(1, Math.min(ctx.canvas.width - rx, Math.round(w)));
  const rh = Math.max(1, Math.min(ctx.canvas.height - ry, Math.round(h)));
  const { data } = ctx.getImageData(rx, ry, rw, rh);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  return sum / (data.length / 4);
}

/**
 * How dark the eyes are against the cheeks below them (eye patch luma over cheek patch luma):
 * open eyes read about 0.6-0.9 (white and iris together), dark glasses far less.
 */
export function eyeShade(video: HTMLVideoElement, mesh: ReadonlyArray<MeshPoint>): number {
  // Only the part of the frame around the eyes and cheeks is copied out of the video.
  const points = [33, 133, 159, 145, 205, 263, 362, 386, 374, 425].map((i) => mesh[i]!);
  const margin = Math.abs(mesh[33]![0] - mesh[133]![0]);
  const x0 = Math.max(0, Math.floor(Math.min(...points.map((p) => p[0])) - margin));
  const y0 = Math.max(0, Math.floor(Math.min(...points.map((p) => p[1])) - margin));
  const x1 = Math.min(video.videoWidth, Math.ceil(Math.max(...points.map((p) => p[0])) + margin));
  const y1 = Math.min(video.videoHeight, Math.ceil(Math.max(...points.map((p) => p[1])) + margin));
  if (x1 - x0 < 2 || y1 - y0 < 2) return 1;
  const ctx = canvas('shade', x1 - x0, y1 - y0);
  ctx.drawImage(video, x0, y0, x1 - x0, y1 - y0, 0, 0, x1 - x0, y1 - y0);
  const at = (i: number): readonly [number, number] => [mesh[i]![0] - x0, mesh[i]![1] - y0];
  const ratios = (
    [
      [33, 133, 159, 145, 205],
      [263, 362, 386, 374, 425],
    ] as const
  ).map(([outer, inner, upper, lower, cheek]) => {
    const left = Math.min(at(outer)[0], at(inner)[0]);
    const width = Math.abs(at(outer)[0] - at(inner)[0]);
    const top = at(upper)[1] - width * 0.15;
    const height = Math.max(at(lower)[1] - at(upper)[1] + width * 0.3, width * 0.3);
    const eye = meanLuma(ctx, left, top, width, height);
    const skin = meanLuma(ctx, at(cheek)[0] - width / 4, at(cheek)[1] - width / 4, width / 2, width / 2);
    return eye / Math.max(1, skin);
  });
  return Math.max(...ratios);
}
