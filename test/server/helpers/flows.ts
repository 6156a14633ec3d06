/** Walks the protocol for tests: BUSCAR, the right answers from the demo data, and so on. */
import { DEMO_IDENTITIES } from '../../../server/demo/identities.ts';
import { answerOf, FACT_QUESTIONS } from '../../../server/domain/challenge.ts';
import type { RegistryRecord } from '../../../server/registry/records.ts';
import { bearer, type TestServer } from './harness.ts';

export const demo = (id: string): RegistryRecord => {
  const r = DEMO_IDENTITIES.find((d) => d.id === id);
  if (!r) throw new Error(`no demo identity ${id}`);
  return r;
};

export async function startFlow(t: TestServer, id: string, idType = 'cedula', headers: Record<string, string> = {}) {
  const res = await t.call('POST', '/v1/flows', { idType, id, captcha: await t.captcha() }, headers);
  if (res.status !== 201) throw new Error(`startFlow ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The right answers for a flow's questions, from what the registry holds. */
export function rightAnswers(
  record: RegistryRecord,
  questions: Array<{ id: string; kind: string; options?: Array<{ value: string; label: string }> }>,
) {
  const f = record.facts;
  return questions.map((q) => {
    if (q.kind === 'text') return { questionId: q.id, answer: record.securityAnswers?.[q.id] ?? '?' };
    const fact = FACT_QUESTIONS.find((c) => c.id === q.id);
    const right = fact && answerOf(f, fact);
    const opt = q.options!.find((o) => o.label === right);
    if (!opt) throw new Error(`right option not offered for ${q.id}`);
    return { questionId: q.id, answer: opt.value };
  });
}

export async function passVerification(t: TestServer, id: string, idType = 'cedula') {
  const record = demo(id);
  const flow = await startFlow(t, id, idType);
  const res = await t.call(
    'POST',
    '/v1/flows/current/verification',
    { birthDay: record.birthDay, birthMonth: record.birthMonth, answers: rightAnswers(record, flow.verification.questions) },
    bearer(flow.flowToken),
  );
  if (res.status !== 200) throw new Error(`verify ${res.status} ${JSON.stringify(res.body)}`);
  return { flow, record, verified: res.body };
}

export const GOOD_ANSWERS = [
  { questionId: 'amigo-infancia', answer: 'Pedro Pablo' },
  { questionId: 'calle-diez-anos', answer: 'Calle Sucre' },
  { questionId: 'plato-infancia', answer: 'Encebollado' },
];

export const NEW_PASSWORD = 'cielo azul sobre el Cotopaxi';
