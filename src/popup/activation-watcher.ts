/**
 * Wraps the wizard's RecoveryApi to learn the activation link's window (expiresAt and the server's
 * `now`) from the answers that carry it, without touching the wizard. Only timing leaves here.
 */
import type { ActivationResponse, FlowStatusResponse } from '../../widget/api/contract.ts';
import type { RecoveryApi } from '../../widget/api/recovery-api.ts';

export interface ActivationWindowListener {
  /** A link was sent (or re-sent, or found waiting on resume). */
  started(expiresAt: string, serverNow: string): void;
  /** The flow is over on the server (completed elsewhere). */
  ended(): void;
}

export function watchActivation(api: RecoveryApi, listener: ActivationWindowListener): RecoveryApi {
  const onActivation = (response: ActivationResponse): ActivationResponse => {
    listener.started(response.activation.expiresAt, response.now);
    return response;
  };
  const onStatus = (response: FlowStatusResponse): FlowStatusResponse => {
    if (response.step === 'completed') listener.ended();
    else if (response.step === 'activation-sent' && response.activation) {
      listener.started(response.activation.expiresAt, response.now);
    }
    return response;
  };
  return {
    getConfig: (options) => api.getConfig(options),
    getCaptchaChallenge: (options) => api.getCaptchaChallenge(options),
    startFlow: (body, options) => api.startFlow(body, options),
    getFlowStatus: (options) => api.getFlowStatus(options).then(onStatus),
    verify: (body, options) => api.verify(body, options),
    setSecurityQuestions: (body, options) => api.setSecurityQuestions(body, options),
    sendActivation: (body, options) => api.sendActivation(body, options).then(onActivation),
    resendActivation: (options) => api.resendActivation(options).then(onActivation),
    checkActivation: (token, options) => api.checkActivation(token, options),
    completeActivation: (body, options) => api.completeActivation(body, options),
    signIn: (body, options) => api.signIn(body, options),
  };
}
