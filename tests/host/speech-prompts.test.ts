import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type SessionView, SessionView as SessionViewSchema } from '../../main/api/contract';
import { SpeechService } from '../../main/host/speech/speech-service';
import { stepPrompt } from '../../renderer/src/speech/step-prompts';
import { LANGUAGES } from '../support/catalogues';

/** The values of a field of a step's schema when it is an enum (unwrapping defaults and optionals). */
function enumValues(field: unknown): readonly string[] | null {
  let type = field as z.ZodTypeAny | undefined;
  while (type && (type instanceof z.ZodDefault || type instanceof z.ZodOptional || type instanceof z.ZodNullable)) type = type._def.innerType as z.ZodTypeAny;
  return type instanceof z.ZodEnum ? (type.options as readonly string[]) : null;
}

/**
 * One view per step and per value of the fields the prompt depends on (busy activity, outcome,
 * keypad field, service), read from the contract itself: a new step or a new activity shows up
 * here without anyone listing it.
 */
function everyStep(): SessionView[] {
  const views: SessionView[] = [];
  for (const option of SessionViewSchema.options) {
    const shape = option.shape as Record<string, unknown>;
    const step = (shape.step as z.ZodLiteral<string>).value;
    // A step that always carries why (failed, query-failed) speaks the key the host sent.
    const messageKey = shape.messageKey instanceof z.ZodNullable ? null : 'errors.notNow';
    let variants: Record<string, unknown>[] = [{ step, messageKey, problemKey: null }];
    for (const name of ['activity', 'outcome', 'field', 'service']) {
      const values = enumValues(shape[name]);
      if (values) variants = variants.flatMap((v) => values.map((value) => ({ ...v, [name]: value })));
    }
    views.push(...(variants as SessionView[]));
  }
  return views;
}

describe('every step of every service has a spoken prompt', () => {
  const views = everyStep();

  it('covers every step of the contract', () => {
    const steps = new Set(views.map((v) => v.step));
    expect(steps.size).toBe(SessionViewSchema.options.length);
    expect(views.length).toBeGreaterThan(steps.size);
  });

  it.each(LANGUAGES)('speaks catalogue text free of values for every step in %s', (language) => {
    for (const view of views) {
      const keys = stepPrompt(view);
      if (view.step === 'idle') {
        expect(keys).toEqual([]);
        continue;
      }
      expect(keys.length, view.step).toBeGreaterThan(0);
      // promptText refuses a key missing from the catalogue or one whose text takes values.
      expect(() => SpeechService.promptText(keys, language), `${view.step} ${JSON.stringify(keys)}`).not.toThrow();
    }
  });

  it.each(['live', 'id-photo'] as const)('an open %s camera step speaks its own prompt in every language', (purpose) => {
    const view = { step: 'flow-busy', activity: 'face-capture', capture: { purpose } } as unknown as SessionView;
    const keys = stepPrompt(view);
    expect(keys).not.toEqual(stepPrompt({ ...view, capture: undefined } as SessionView));
    for (const language of LANGUAGES) expect(SpeechService.promptText(keys, language).length).toBeGreaterThan(3);
  });
});
