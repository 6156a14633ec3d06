/**
 * "Necesito más tiempo" (WCAG 2.2.1, docs/protocol.md): the flow lives its full lifetime again from
 * now, at most `maxFlowExtensions` times, and never past `flowMaxAgeSeconds` after BUSCAR. The
 * count moves by compare-and-set, so two presses at once cannot pass the bound.
 */
import { sql } from 'kysely';
import type { FlowExtensionResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem.ts';
import { FLOW_COLUMNS, type FlowRow } from './flow-auth.ts';

export async function extendFlow(d: AppDeps, flow: FlowRow): Promise<FlowExtensionResponse> {
  if (flow.step === 'completed') throw new ProblemError('sequence');
  const { flowLifetimeSeconds, maxFlowExtensions, flowMaxAgeSeconds } = d.config.limits;
  const now = d.clock.now();
  const cap = new Date(flow.created_at).getTime() + flowMaxAgeSeconds * 1000;
  const until = new Date(Math.min(now.getTime() + flowLifetimeSeconds * 1000, cap));
  if (flow.extensions >= maxFlowExtensions || until.getTime() <= new Date(flow.expires_at).getTime())
    throw new ProblemError('extension-limit');
  const { rows } = await sql<FlowRow>`UPDATE flows SET extensions = extensions + 1, expires_at = ${until}
    WHERE id = ${flow.id} AND extensions = ${flow.extensions} AND completed_at IS NULL RETURNING ${FLOW_COLUMNS}`.execute(d.db);
  if (!rows[0]) throw new ProblemError('extension-limit');
  d.log.info({ event: 'flow_extended', subject: flow.subject_key.slice(0, 12), extensions: rows[0].extensions }, 'trámite extendido');
  return {
    now: now.toISOString(),
    flowExpiresAt: until.toISOString(),
    extensionsLeft: Math.max(0, maxFlowExtensions - rows[0].extensions),
  };
}
