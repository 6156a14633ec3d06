/**
 * The HTTP RecoveryApi, loaded on first call: ky and the contract stay out of what a page loads
 * before the first step is usable (size budget, issue 3 item 12). Same interface, same errors.
 */
import type { RecoveryApi } from '../api/recovery-api.ts';

type Method = keyof RecoveryApi;

export function createLazyHttpRecoveryApi(baseUrl: string): RecoveryApi {
  let real: Promise<RecoveryApi> | undefined;
  const load = () =>
    (real ??= import('../api/http-recovery-api.ts').then((m) => m.createHttpRecoveryApi({ baseUrl })));
  const forward =
    <M extends Method>(method: M) =>
    async (...args: Parameters<RecoveryApi[M]>): Promise<Awaited<ReturnType<RecoveryApi[M]>>> => {
      const api = await load();
      return (api[method] as (...a: unknown[]) => Promise<Awaited<ReturnType<RecoveryApi[M]>>>)(...args);
    };
  return {
    getConfig: forward('getConfig'),
    getCaptchaChallenge: forward('getCaptchaChallenge'),
    startFlow: forward('startFlow'),
    getFlowStatus: forward('getFlowStatus'),
    verify: forward('verify'),
    setSecurityQuestions: forward('setSecurityQuestions'),
    sendActivation: forward('sendActivation'),
    resendActivation: forward('resendActivation'),
    checkActivation: forward('checkActivation'),
    completeActivation: forward('completeActivation'),
    signIn: forward('signIn'),
  };
}
