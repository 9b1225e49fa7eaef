/**
 * Spoken prompts (issue 12): the screen names the catalogue keys of the step it shows, the host
 * speaks their text offline in the chosen language. Only keys travel, never words, and a key
 * whose text takes values (a name, a number) is never spoken.
 *
 * Imported by the renderer too: zod only, nothing from Node.
 */
import { z } from 'zod';

const PromptKey = z.string().max(80).regex(/^[a-zA-Z][\w-]*(\.[\w-]+)*$/);

export const SpeakPrompt = z
  .object({
    /** The step's prompt: its title and hint keys, spoken one after the other. */
    keys: z.array(PromptKey).min(1).max(3),
    language: z.enum(['zh-CN', 'zh-TW', 'en']),
    /** Elderly mode: slower speech. */
    slow: z.boolean(),
    /** 0 to 100; 0 is mute (nothing is played). */
    volume: z.number().int().min(0).max(100),
  })
  .strict();
export type SpeakPrompt = z.infer<typeof SpeakPrompt>;

/** `speaking`: the prompt plays; `text-only`: no speech engine (or muted), the screen's text stands alone. */
export const SpeakOutcome = z.object({ outcome: z.enum(['speaking', 'text-only']) });
export type SpeakOutcome = z.infer<typeof SpeakOutcome>;
