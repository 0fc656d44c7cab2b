// A simple text captcha (图形验证码) for the sign-in page: one answer per interaction, kept server-side,
// drawn as inline SVG. It is there to make the page behave like the real portal, not to stop bots.
import { newCaptcha } from '../src/auth/captcha.ts';

const TTL_MS = 10 * 60 * 1000;

export interface CaptchaChallenge {
  svg: string;
}

export class CaptchaBook {
  readonly #answers = new Map<string, { text: string; expiresAt: number }>();

  /** Issues a fresh challenge for an interaction, replacing any earlier one. */
  issue(interactionUid: string): CaptchaChallenge {
    this.#sweep();
    const { text, svg } = newCaptcha();
    this.#answers.set(interactionUid, { text, expiresAt: Date.now() + TTL_MS });
    return { svg };
  }

  /** Case-insensitive; an answer can be checked once, right or wrong. */
  check(interactionUid: string, answer: string): boolean {
    const stored = this.#answers.get(interactionUid);
    this.#answers.delete(interactionUid);
    if (!stored || stored.expiresAt <= Date.now()) return false;
    return stored.text === answer.trim().toUpperCase();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [uid, { expiresAt }] of this.#answers) if (expiresAt <= now) this.#answers.delete(uid);
  }
}
