/**
 * Runtime validation of command payloads (zod). Kept apart from the index so the browser apps,
 * which only need the types, do not bundle zod.
 */
import { z } from 'zod';
import { PRIORITIES } from './domain';

const id = z.string().min(1).max(64);

export const schemas = {
  'branch:snapshot:v1': z.object({}).strict(),
  'ticket:issue:v1': z
    .object({ serviceId: id, priority: z.enum(PRIORITIES).nullable().optional() })
    .strict(),
  'counter:callNext:v1': z.object({ counterId: id }).strict(),
} as const;

export type CommandName = keyof typeof schemas;

/** Validates a payload; returns the parsed value or null when it does not fit. */
export function parseCommand<N extends CommandName>(name: N, input: unknown): z.infer<(typeof schemas)[N]> | null {
  const r = schemas[name].safeParse(input ?? {});
  return r.success ? (r.data as z.infer<(typeof schemas)[N]>) : null;
}
