/**
 * Checks a loaded resume snapshot against the contract before the widget trusts it: a tampered,
 * stale or foreign snapshot is dropped, never used (CS-07). Parsing strips every field the
 * contract does not name, nested ones too, so only the step's server data survives. Loaded lazily
 * (it pulls zod/mini and the contract), only when a store holds something.
 */
import { z } from 'zod/mini';
import { Activation, EmailOnRecord, SecurityQuestionBank, StartFlowResponse } from '../api/contract.ts';
import type { ResumableFlow } from './types.ts';

const { flowToken, flowExpiresAt, case: flowCase, maskedId, verification } = StartFlowResponse.shape;
const base = { flowToken, flowExpiresAt, case: flowCase, maskedId };

export const ResumableFlowSchema = z.discriminatedUnion('step', [
  z.object({ ...base, step: z.literal('verification'), verification }),
  z.object({ ...base, step: z.literal('security-questions'), securityQuestions: SecurityQuestionBank }),
  z.object({ ...base, step: z.literal('email'), email: EmailOnRecord }),
  z.object({ ...base, step: z.literal('activation-sent'), activation: z.optional(Activation) }),
]);

/** The snapshot as the contract allows it, or null when it is malformed or its flow has expired by `now`. */
export function parseResumable(value: unknown, now: number): ResumableFlow | null {
  const r = ResumableFlowSchema.safeParse(value);
  if (!r.success || !(Date.parse(r.data.flowExpiresAt) > now)) return null;
  return r.data as ResumableFlow;
}
