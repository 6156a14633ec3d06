/**
 * Imported first by every extension entry point: zod's JIT probes `new Function`, which the MV3
 * CSP forbids (EX-01). Jitless parsing is plenty fast for our small payloads.
 */
import { z } from 'zod/mini';

z.config({ jitless: true });
