/**
 * Idle and elderly mode on the wire (issue 12): "are you still there?" before a step times out,
 * and the session's elderly flag (大字模式). Imported by the renderer too: zod only.
 */
import { z } from 'zod';

/** The screen asks "are you still there?" this long before a step's deadline; only then may it be extended. */
export const DEADLINE_WARNING_MS = 15_000;

/**
 * "Continue" on the "are you still there?" prompt: the step's time limit starts again. It names
 * the deadline the prompt was shown for, so one prompt extends once (a second tap is stale).
 */
export const ExtendDeadline = z.object({ deadlineMs: z.number().int().nonnegative() }).strict();
export type ExtendDeadline = z.infer<typeof ExtendDeadline>;

/** Elderly mode switched on the session's first step (the attract screen passes it to startService). */
export const SetElderly = z.object({ on: z.boolean() }).strict();
export type SetElderly = z.infer<typeof SetElderly>;

/** A text from configuration that a citizen reads (the attract loop's notices), in every language. */
export const LocalizedText = z
  .object({ 'zh-CN': z.string().trim().min(1).max(200), 'zh-TW': z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
  .strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The attract loop: seconds without a touch before it starts, and seconds per slide (a slow cycle). */
export const AttractTiming = z.object({ afterS: z.number().int().min(5).max(600), slideS: z.number().int().min(3).max(60) }).strict();
export type AttractTiming = z.infer<typeof AttractTiming>;
