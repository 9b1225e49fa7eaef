import { z } from 'zod';
import { type SessionView, SessionView as SessionViewSchema } from '../../main/api/contract';

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
export function everyStep(): SessionView[] {
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

