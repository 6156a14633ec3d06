/**
 * Messages from extension pages to the background worker. Only timing and step ids travel here,
 * never personal data. The background checks the sender and parses every message (EX-04).
 */
import { z } from 'zod/mini';
import { Instant } from '../../widget/api/contract.ts';

/** The e-mail was sent: show the link's remaining time on the badge and warn before it expires. */
export const ActivationWindowMessage = z.strictObject({
  type: z.literal('activation-window'),
  /** The link's expiry by the server's clock. */
  expiresAt: Instant,
  /** The server's clock when it answered; the worker corrects for skew (CS-13). */
  serverNow: Instant,
});

/** The flow ended, was cancelled or moved past the waiting step: clear badge and alarms. */
export const FlowEndedMessage = z.strictObject({
  type: z.literal('flow-ended'),
});

export const BackgroundMessage = z.discriminatedUnion('type', [ActivationWindowMessage, FlowEndedMessage]);
export type BackgroundMessage = z.infer<typeof BackgroundMessage>;
