/**
 * One plausible request for every operation of the contract (so a new route is swept too): used
 * by the fault tests to check what each route answers while a dependency is down.
 */
import * as C from '../../../widget/api/contract.ts';
import { bearer, type Res, type TestServer } from './harness.ts';

export interface SweepTokens {
  /** A flow at the verification step (for `verify`). */
  freshFlowToken: string;
  /** A flow that passed verification (at the e-mail step), for the other flow operations. */
  flowToken: string;
}

/** A body for each operation that gets past validation, so the route reaches its dependencies. */
async function bodyFor(t: TestServer, id: string): Promise<unknown> {
  switch (id) {
    case 'startFlow':
      return { idType: 'cedula', id: '1712345675', captcha: await t.captcha() };
    case 'verify':
      return { birthDay: 1, birthMonth: 1, answers: [] };
    case 'setSecurityQuestions':
      return {
        answers: [
          { questionId: 'amigo-infancia', answer: 'Pedro Pablo' },
          { questionId: 'calle-diez-anos', answer: 'Calle Sucre' },
          { questionId: 'plato-infancia', answer: 'Encebollado' },
        ],
      };
    case 'sendActivation':
      return { mode: 'on-record' };
    case 'checkActivation':
    case 'resendFromLink':
      return { token: 'A'.repeat(43) };
    case 'completeActivation':
      return {
        token: 'A'.repeat(43),
        password: 'cielo azul sobre el Cotopaxi',
        passwordConfirmation: 'cielo azul sobre el Cotopaxi',
        declarationAccepted: true,
        declarationVersion: t.config.declaration.version,
      };
    case 'signIn':
      return { idType: 'cedula', id: '1712345675', password: 'una clave cualquiera' };
    default:
      return undefined;
  }
}

/** Calls every operation once; returns each answer by operation id. */
export async function sweepOperations(t: TestServer, tokens: SweepTokens): Promise<Record<string, Res>> {
  const out: Record<string, Res> = {};
  for (const op of Object.values(C.operations) as Array<{
    id: string;
    method: string;
    path: string;
    auth?: string;
    idempotent?: boolean;
  }>) {
    const headers: Record<string, string> = {
      ...(op.auth === 'flow' ? bearer(op.id === 'verify' ? tokens.freshFlowToken : tokens.flowToken) : {}),
      ...(op.idempotent ? { 'idempotency-key': `sweep-${op.id}-${Math.random().toString(36).slice(2)}` } : {}),
    };
    const body = op.method === 'POST' ? ((await bodyFor(t, op.id)) ?? {}) : undefined;
    out[op.id] = await t.call(op.method, op.path, body, headers);
  }
  return out;
}
