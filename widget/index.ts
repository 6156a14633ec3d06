/**
 * The package's public surface (`@iess/recuperar-clave`), free of side effects: importing this
 * module registers nothing (import `@iess/recuperar-clave/define`, or load the one-script file
 * `@iess/recuperar-clave/iess-recuperar-clave.js`, for that). What is not exported here — the
 * step elements, the flow machine, the test clock — is internal and may change in any release.
 */
export { IessRecuperarClave } from './iess-recuperar-clave.ts';
export { IessCancelEvent, IessCompleteEvent, IessErrorEvent, IessStepChangeEvent } from './events/public-events.ts';
export { createHttpRecoveryApi, type HttpRecoveryApiOptions } from './api/http-recovery-api.ts';
export { RecoveryApiError, type ApiErrorKind, type CallOptions, type FlowCallOptions, type RecoveryApi } from './api/recovery-api.ts';
export { isValidCedula, validateCedula } from './domain/cedula.ts';
export { validateConfig, type ConfigIssue, type WidgetConfig } from './config.ts';
export { MemoryFlowStore, sessionFlowStore, type FlowStore } from './flow/store.ts';
export type { ClientProblemKind, ResumableFlow, StepId } from './flow/types.ts';
export type * from './api/contract.ts';
