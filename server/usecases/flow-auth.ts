/** Resolves the bearer flow token to its flow (SS-08). */
import { sql } from 'kysely';
import type { StoredChallenge } from '../domain/challenge.ts';
import type { Case, FlowStep, IdType } from '../../widget/api/contract.ts';
import type { Db } from '../db/database.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { ProblemError } from '../http/problem.ts';

export interface FlowRow {
  id: string;
  subject_key: string;
  id_type: IdType;
  identification: string;
  is_decoy: boolean;
  flow_case: Case;
  step: FlowStep;
  pending_answers: Array<{ questionId: string; hash: string }> | null;
  email_target: string | null;
  email_is_new: boolean;
  resends: number;
  extensions: number;
  activation_expires_at: Date | null;
  resend_available_at: Date | null;
  created_at: Date;
  expires_at: Date;
  /** The challenge shown at BUSCAR (domain/challenge.ts). */
  challenge: StoredChallenge | null;
  /** Set on a pass: whether a new address may be registered online (domain/verification-policy.ts). */
  new_address_allowed: boolean;
}

/** Every column of FlowRow, once: the compiler refuses a FlowRow field missing here, or a name that is not one. */
const FLOW_COLUMN_NAMES = [
  'id',
  'subject_key',
  'id_type',
  'identification',
  'is_decoy',
  'flow_case',
  'step',
  'pending_answers',
  'email_target',
  'email_is_new',
  'resends',
  'extensions',
  'activation_expires_at',
  'resend_available_at',
  'created_at',
  'expires_at',
  'challenge',
  'new_address_allowed',
] as const satisfies readonly (keyof FlowRow)[];
const everyFlowColumn: Exclude<keyof FlowRow, (typeof FLOW_COLUMN_NAMES)[number]> extends never ? true : never = true;
void everyFlowColumn;

/**
 * A FlowRow's columns, named: never `*`, so a prepared statement's result keeps its type when a
 * migration adds a column under running instances (server/db/prepared-statements.ts).
 */
export const FLOW_COLUMNS = sql.raw(FLOW_COLUMN_NAMES.join(', '));

export async function flowFromBearer(db: Db, authorization: string | undefined, now: Date): Promise<FlowRow> {
  const token = /^Bearer ([A-Za-z0-9_-]{32,256})$/.exec(authorization ?? '')?.[1];
  if (!token) throw new ProblemError('flow-invalid');
  const { rows } = await sql<FlowRow>`SELECT ${FLOW_COLUMNS} FROM flows WHERE token_hash = ${sha256Hex(token)}`.execute(db);
  const flow = rows[0];
  if (!flow) throw new ProblemError('flow-invalid');
  if (new Date(flow.expires_at) <= now) throw new ProblemError('flow-expired');
  return flow;
}
