/**
 * Wraps the wizard's RecoveryApi to learn the activation link's window (expiresAt and the server's
 * `now`) from the answers that carry it, without touching the wizard. Only timing leaves here.
 * Every other operation passes through unchanged (the port's list comes from the contract).
 */
import type { ActivationResponse, FlowStatusResponse } from '../../widget/api/contract.ts';
import { invokeOperation, recoveryApiFrom, type RecoveryApi } from '../../widget/api/recovery-api.ts';

export interface ActivationWindowListener {
  /** A link was sent (or re-sent, or found waiting on resume). */
  started(expiresAt: string, serverNow: string): void;
  /** The flow is over on the server (completed elsewhere). */
  ended(): void;
}

export function watchActivation(api: RecoveryApi, listener: ActivationWindowListener): RecoveryApi {
  const onActivation = (response: ActivationResponse): void => listener.started(response.activation.expiresAt, response.now);
  const onStatus = (response: FlowStatusResponse): void => {
    if (response.step === 'completed') listener.ended();
    else if (response.step === 'activation-sent' && response.activation) listener.started(response.activation.expiresAt, response.now);
  };
  return recoveryApiFrom(async (operation, args) => {
    const response = await invokeOperation(api, operation, args);
    if (operation === 'getFlowStatus') onStatus(response as FlowStatusResponse);
    if (operation === 'sendActivation' || operation === 'resendActivation') onActivation(response as ActivationResponse);
    return response;
  });
}
