/** The pure domain rules, shared by the widget and the server (no DOM, no Node APIs). */
export * from './cedula.ts';
export * from './foreigner-code.ts';
export * from './identification.ts';
export * from './email.ts';
export * from './answers.ts';
export * from './password.ts';
export * from './time.ts';
export * from './mask.ts';
