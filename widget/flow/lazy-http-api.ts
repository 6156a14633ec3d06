/**
 * The HTTP RecoveryApi, loaded on first call: ky and the contract stay out of what a page loads
 * before the first step is usable (size budget, docs/widget-shell.md). Same methods (every
 * operation of the port, derived from the contract), same errors.
 */
import { invokeOperation, recoveryApiFrom, type RecoveryApi } from '../api/recovery-api.ts';

export function createLazyHttpRecoveryApi(baseUrl: string): RecoveryApi {
  let real: Promise<RecoveryApi> | undefined;
  const load = () => (real ??= import('../api/http-recovery-api.ts').then((m) => m.createHttpRecoveryApi({ baseUrl })));
  return recoveryApiFrom(async (operation, args) => invokeOperation(await load(), operation, args));
}
