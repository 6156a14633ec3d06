import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, renderOpenApi } from '../../scripts/openapi.ts';
import { operations } from '../../widget/api/contract.ts';

describe('docs/openapi.json', () => {
  it('is the one generated from the contract (run `npm run openapi` when this fails)', () => {
    const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderOpenApi());
  });

  it('documents every operation of the contract with its problems', () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids.sort()).toEqual(Object.keys(operations).sort());
    const verify = doc.paths['/v1/flows/current/verification']!.post!;
    expect(Object.keys(verify.responses)).toEqual(expect.arrayContaining(['200', '422', '423', '401', '409', '429']));
  });
});
