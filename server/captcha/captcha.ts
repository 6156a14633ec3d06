/** One interface for every captcha provider (SS-02: verified on the server, fail closed). */
import type { AltchaChallenge, CaptchaInfo } from '../../widget/api/contract.ts';

export interface CaptchaVerifier {
  readonly info: CaptchaInfo;
  /** A challenge for the client (ALTCHA only; reCAPTCHA draws its own). */
  challenge(): AltchaChallenge;
  /** true only when the proof is valid, fresh and not used before. Never throws. */
  verify(proof: string, remoteIp: string): Promise<boolean>;
}

/** Remembers used proofs until they expire (database table `captcha_used`, shared by replicas). */
export interface ReplayStore {
  /** false when the proof was already used. */
  markUsed(signature: string, expiresAt: Date): Promise<boolean>;
}
