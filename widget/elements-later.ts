/**
 * The elements a page needs only after the first step: loaded by define.ts right after the shell
 * and the identification step are registered, as a separate chunk, so the first step is usable
 * within the size budget. This module registers nothing itself (define.ts does).
 */
import { IessDialogoConfirmacion } from './steps/iess-dialogo-confirmacion.ts';
import { IessEstadoBloqueo } from './steps/iess-estado-bloqueo.ts';
import { IessEstadoError } from './steps/iess-estado-error.ts';
import { IessEstadoExpirado } from './steps/iess-estado-expirado.ts';
import { IessPasoCorreoEnviado } from './steps/iess-paso-correo-enviado.ts';
import { IessPasoCorreo } from './steps/iess-paso-correo.ts';
import { IessPasoFinal } from './steps/iess-paso-final.ts';
import { IessPasoNuevaClave } from './steps/iess-paso-nueva-clave.ts';
import { IessPasoPreguntas } from './steps/iess-paso-preguntas.ts';
import { IessPasoVerificacion } from './steps/iess-paso-verificacion.ts';

export const LATER_ELEMENTS: readonly (CustomElementConstructor & { readonly tagName: string })[] = [
  IessPasoVerificacion,
  IessDialogoConfirmacion,
  IessPasoPreguntas,
  IessPasoCorreo,
  IessPasoCorreoEnviado,
  IessPasoNuevaClave,
  IessPasoFinal,
  IessEstadoBloqueo,
  IessEstadoExpirado,
  IessEstadoError,
];
