// Input validation for mutations: zod schemas whose messages are catalogue keys, and one
// `parseInput` that turns the first problem into a ModelError naming the field.
import { z } from 'zod';
import { ModelError } from './errors';

export const LIMITS = {
  title: 200,
  name: 80,
  text: 20_000,
  note: 2_000,
  unit: 16,
} as const;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A trimmed, non-empty, bounded single-line string. */
export function requiredText(max: number) {
  return z
    .string({ error: 'errors.required' })
    .max(max * 4, { error: `errors.tooLong|${max}` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: 'errors.required' }).max(max, { error: `errors.tooLong|${max}` }));
}

export function optionalText(max: number) {
  return z.string({ error: 'errors.invalid' }).max(max, { error: `errors.tooLong|${max}` });
}

/** A finite number: NaN, ±Infinity and non-numbers are refused. */
export const finiteNumber = z.number({ error: 'errors.notANumber' }).refine(Number.isFinite, { error: 'errors.notANumber' });

/** A calendar date `YYYY-MM-DD` that really exists. */
export const isoDate = z
  .string({ error: 'errors.invalidDate' })
  .regex(DATE_RE, { error: 'errors.invalidDate' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: 'errors.invalidDate' });

export const entityId = z.string({ error: 'errors.invalid' }).min(1, { error: 'errors.invalid' }).max(64, { error: 'errors.invalid' });

export const team = z.enum(['product', 'operations', 'shared'], { error: 'errors.invalid' });

/** Parses `input` with `schema` or throws a ModelError for the first issue found. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const [key = 'errors.invalid', max] = (issue?.message ?? 'errors.invalid').split('|');
  const field = issue?.path.map(String).join('.') || undefined;
  const messageKey = key.startsWith('errors.') ? key : 'errors.invalid';
  throw new ModelError('invalid-input', messageKey, field, max ? { max: Number(max) } : {});
}
