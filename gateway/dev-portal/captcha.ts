// A simple text captcha (图形验证码) for the sign-in page: one answer per interaction, kept server-side,
// drawn as inline SVG. It is there to make the page behave like the real portal, not to stop bots: the tests read
// its text off the page (the gateway's own legacy door draws a PNG instead, which no script reads from the page).
import { randomInt } from 'node:crypto';
import { newCaptchaText } from '../src/auth/captcha.ts';

const TTL_MS = 10 * 60 * 1000;

export interface CaptchaChallenge {
  svg: string;
}

export class CaptchaBook {
  readonly #answers = new Map<string, { text: string; expiresAt: number }>();

  /** Issues a fresh challenge for an interaction, replacing any earlier one. */
  issue(interactionUid: string): CaptchaChallenge {
    this.#sweep();
    const text = newCaptchaText();
    const svg = drawCaptcha(text);
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

function drawCaptcha(text: string): string {
  const width = 110;
  const height = 40;
  const glyphs = [...text].map((ch, i) => {
    const x = 14 + i * 23 + randomInt(-2, 3);
    const y = 28 + randomInt(-3, 4);
    const rotate = randomInt(-18, 19);
    const hue = randomInt(0, 360);
    return `<text x="${x}" y="${y}" transform="rotate(${rotate} ${x} ${y})" fill="hsl(${hue},60%,35%)">${ch}</text>`;
  });
  const noise = Array.from({ length: 4 }, () => {
    const hue = randomInt(0, 360);
    return `<line x1="${randomInt(0, width)}" y1="${randomInt(0, height)}" x2="${randomInt(0, width)}" y2="${randomInt(0, height)}" stroke="hsl(${hue},50%,60%)" stroke-width="1"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" class="captcha-image"><title>看不清?点击“换一张”</title><rect width="100%" height="100%" fill="#f1f4f8"/>${noise.join('')}<g font-family="Verdana, sans-serif" font-size="22" font-weight="bold">${glyphs.join('')}</g></svg>`;
}
