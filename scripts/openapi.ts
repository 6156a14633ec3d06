/**
 * Builds the OpenAPI 3.1 document from the contract's operations table (widget/api/contract.ts).
 * `npm run openapi` writes it to docs/openapi.json; test/unit/openapi.test.ts fails when stale.
 */
import { z } from 'zod/mini';
import { API_VERSION, operations, Problem, PROBLEM_STATUS, problemType, type ProblemKind } from '../widget/api/contract.ts';

const schema = (s: z.core.$ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });

export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of Object.values(operations)) {
    const responses: Record<string, unknown> = {
      [op.status]: { description: 'Success', content: { 'application/json': { schema: schema(op.response) } } },
    };
    const byStatus = new Map<number, ProblemKind[]>();
    for (const kind of op.problems) byStatus.set(PROBLEM_STATUS[kind], [...(byStatus.get(PROBLEM_STATUS[kind]) ?? []), kind]);
    for (const [status, kinds] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      responses[status] = {
        description: kinds.map((k) => `\`${problemType(k)}\``).join(', '),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    const parameters: unknown[] = [];
    if ('idempotent' in op && op.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'A repeat with the same key and body returns the first answer and has no second effect.',
        schema: { type: 'string', minLength: 1, maxLength: 100 },
      });
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      ...('auth' in op && op.auth === 'flow' ? { security: [{ flowToken: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...('request' in op && op.request
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.request) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'iess-clave — Generar / Recuperar clave de afiliado',
      version: API_VERSION,
      description: 'Generated from widget/api/contract.ts by `npm run openapi`. Prose: docs/protocol.md.',
    },
    paths,
    components: {
      schemas: { Problem: schema(Problem) },
      securitySchemes: { flowToken: { type: 'http', scheme: 'bearer', description: 'The flowToken from POST /v1/flows.' } },
    },
  };
}

export const renderOpenApi = (): string => JSON.stringify(buildOpenApi(), null, 2) + '\n';
