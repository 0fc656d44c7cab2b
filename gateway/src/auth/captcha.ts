// A text captcha (图形验证码) drawn as inline SVG: the legacy sign-in door uses it, and so does the dev portal.
// The answer is kept server-side by the caller; this only makes the text and its picture.
import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, 2/Z, 5/S: characters people confuse. */
const ALPHABET = '3468ABCDEFGHJKMNPQRTUVWXY';
const LENGTH = 4;

export function newCaptcha(): { text: string; svg: string } {
  let text = '';
  for (let i = 0; i < LENGTH; i++) text += ALPHABET[randomInt(ALPHABET.length)];
  return { text, svg: drawCaptcha(text) };
}

/** Case-insensitive comparison of what the person typed with the stored answer. */
export function captchaMatches(answer: string | undefined, expected: string | undefined): boolean {
  return Boolean(expected) && (answer ?? '').trim().toUpperCase() === expected;
}

export function drawCaptcha(text: string): string {
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
