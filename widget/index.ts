/**
 * Public exports, free of side effects: importing this module registers nothing (import
 * `iess-clave/define` or load dist/widget/iess-recuperar-clave.js for that).
 */
export { IessRecuperarClave, takeActivationToken } from './iess-recuperar-clave.ts';
export { IessDialogoConfirmacion } from './steps/iess-dialogo-confirmacion.ts';
export { IessEstadoBloqueo } from './steps/iess-estado-bloqueo.ts';
export { IessEstadoError } from './steps/iess-estado-error.ts';
export { IessEstadoExpirado } from './steps/iess-estado-expirado.ts';
export { IessPasoActivacion } from './steps/iess-paso-activacion.ts';
export { IessPasoCorreoEnviado } from './steps/iess-paso-correo-enviado.ts';
export { IessPasoCorreo } from './steps/iess-paso-correo.ts';
export { IessPasoFinal } from './steps/iess-paso-final.ts';
export { IessPasoIdentificacion } from './steps/iess-paso-identificacion.ts';
export { IessPasoNuevaClave } from './steps/iess-paso-nueva-clave.ts';
export { IessPasoPreguntas } from './steps/iess-paso-preguntas.ts';
export { IessPasoVerificacion } from './steps/iess-paso-verificacion.ts';
export { IessCancelEvent, IessCompleteEvent, IessErrorEvent, IessStepChangeEvent } from './events/public-events.ts';
export { createHttpRecoveryApi, type HttpRecoveryApiOptions } from './api/http-recovery-api.ts';
export { RecoveryApiError, type ApiErrorKind, type CallOptions, type FlowCallOptions, type RecoveryApi } from './api/recovery-api.ts';
export { isValidCedula, validateCedula } from './domain/cedula.ts';
export { validateConfig, type ConfigIssue, type WidgetConfig } from './config.ts';
export { MemoryFlowStore, sessionFlowStore, type FlowStore } from './flow/store.ts';
export type { ResumableFlow, StepId } from './flow/types.ts';
export type * from './api/contract.ts';
