/**
 * The GA 461 numbers (shared/domain.md) and the limits the kiosk adds where the standard says
 * "frontal", "white" or "even" without a number. Each limit is named where a check uses it.
 */
export const GA461 = {
  width: 358,
  height: 441,
  dpi: 350,
  /** Face width (cheekbone to cheekbone) 207 +/- 14 px. */
  faceWidth: 207,
  faceWidthTolerance: 14,
  /** Top of the hair 7-21 px below the upper edge; the composer aims at the middle. */
  headTopMin: 7,
  headTopMax: 21,
  headTopTarget: 14,
  /** Eyes at least 207 px above the lower edge: eye line at y <= 441 - 207. */
  eyeLineMaxY: 441 - 207,
  /**
   * "About 14-20 KB": the band that satisfies both readings of a KB (1000 and 1024 bytes).
   * The encoder aims at its middle.
   */
  minBytes: 14 * 1024,
  maxBytes: 20 * 1000,
} as const;

/** The kiosk's own limits for what GA 461 states in words. */
export const KIOSK_LIMITS = {
  /** Face centre (midpoint of the face edges) at most this far from the vertical midline. */
  centreTolerancePx: 10,
  /** Head pose: frontal. Human's pitch reads ~3 deg on a photographed frontal face, ~17 deg on the simulators' drawn one. */
  yawMaxDeg: 12,
  pitchMaxDeg: 20,
  /** Eye line tilt left after the composer's roll correction. */
  rollMaxDeg: 5,
  /** The composer straightens the eye line up to this angle; a head tilted further stays tilted and fails `roll`. */
  rollCorrectionMaxDeg: 8,
  /** Eye openness (lid gap / eye width): open eyes read ~0.3-0.45, closed ones < 0.1. */
  eyeOpennessMin: 0.15,
  /** A face the detector is less sure of does not count (design.md: score >= 0.8). */
  faceScoreMin: 0.8,
  /** Upscaling beyond this blurs the photo: a face further away is composed smaller and fails `faceWidth`. */
  maxUpscale: 1.5,
  /** Background: mean luma (0-255) of the regions beside the head, their spread and colour cast. */
  backgroundLumaMin: 200,
  backgroundCellSpreadMax: 24,
  backgroundNoiseMax: 12,
  backgroundCastMax: 30,
} as const;
