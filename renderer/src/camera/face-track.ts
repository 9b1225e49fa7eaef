/**
 * The same person through the liveness prompt and up to the still: the face followed from frame to
 * frame by where it is and how large it is. A face that jumps (someone else steps into the oval,
 * a photo is held up in another place or at another distance) or that is gone for longer than a
 * glance away breaks the track, and the liveness shown so far no longer counts. Pure, so it is
 * tested on box sequences recorded from the detector.
 *
 * What it cannot tell: a different face put exactly where the first one was between two frames.
 * That takes a face-embedding comparison (issue 9: optional, decided by central).
 */

/** Where a face is in the frame (FaceMeasure has these). */
export interface PlacedFace {
  readonly centreX: number;
  readonly centreY: number;
  /** Cheek to cheek, frame pixels. */
  readonly widthPx: number;
}

export const TRACK_LIMITS = {
  /** How far the face centre may move between two analysed frames, in face widths: this much at once... */
  shiftWidths: 0.3,
  /** ...plus this much per second between the frames (frames come slower on a loaded machine). */
  shiftWidthsPerSecond: 1,
  /** How much the face may grow or shrink between two analysed frames, as |ln(new / old width)|, at once and per second. */
  scaleLog: 0.15,
  scaleLogPerSecond: 0.4,
  /** Neither allowance grows beyond what this many seconds between frames give. */
  maxGapSeconds: 1.5,
  /** No face for longer than this: whoever comes back may be someone else. */
  lostMs: 1_500,
} as const;

export type TrackStep<F extends PlacedFace> =
  | { readonly kind: 'same'; readonly face: F }
  | { readonly kind: 'lost' }
  | { readonly kind: 'broken'; readonly why: 'jump' | 'gone' };

export class FaceTrack<F extends PlacedFace> {
  #last: PlacedFace;
  #lastSeenMs: number;
  #broken: TrackStep<F> | undefined;

  constructor(first: F, atMs: number) {
    this.#last = first;
    this.#lastSeenMs = atMs;
  }

  get broken(): boolean {
    return this.#broken !== undefined;
  }

  /** The faces of the next analysed frame: the one that continues the track, or why none does. */
  follow(atMs: number, faces: readonly F[]): TrackStep<F> {
    if (this.#broken) return this.#broken;
    const L = TRACK_LIMITS;
    const last = this.#last;
    const nearest = faces.reduce<F | undefined>((best, face) => (!best || shiftOf(last, face) < shiftOf(last, best) ? face : best), undefined);
    if (!nearest) {
      if (atMs - this.#lastSeenMs <= L.lostMs) return { kind: 'lost' };
      return (this.#broken = { kind: 'broken', why: 'gone' });
    }
    const seconds = Math.min(L.maxGapSeconds, Math.max(0, atMs - this.#lastSeenMs) / 1000);
    const moved = shiftOf(last, nearest) > L.shiftWidths + L.shiftWidthsPerSecond * seconds;
    const resized = Math.abs(Math.log(nearest.widthPx / last.widthPx)) > L.scaleLog + L.scaleLogPerSecond * seconds;
    if (moved || resized) return (this.#broken = { kind: 'broken', why: 'jump' });
    this.#last = nearest;
    this.#lastSeenMs = atMs;
    return { kind: 'same', face: nearest };
  }
}

/** How far `face` is from `from`, in `from`'s face widths. */
function shiftOf(from: PlacedFace, face: PlacedFace): number {
  return Math.hypot(face.centreX - from.centreX, face.centreY - from.centreY) / Math.max(1, from.widthPx);
}
