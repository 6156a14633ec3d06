/** Asks the backend for GET /v1/config and checks the answer against the contract. */
import { ConfigResponse } from '../../widget/api/contract.ts';

export async function checkBackend(backendUrl: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  const response = await fetchImpl(`${backendUrl}/v1/config`, {
    headers: { accept: 'application/json' },
    credentials: 'omit',
    signal: AbortSignal.timeout(8000),
  });
  if (!response.ok) return false;
  return ConfigResponse.safeParse(await response.json()).success;
}
