// A cookie-keeping HTTP client that signs in at the dev portal the way a person's browser does.
// Test equipment shared by the portal's own tests and the gateway's handoff tests.

export class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [k, v = ''] = attr.trim().split('=');
        if (k!.toLowerCase() === 'path') path = v;
        if (k!.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
        if (k!.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.#cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

export class Browser {
  readonly jar = new CookieJar();
  /** Every URL this browser requested and every redirect it was sent, in order. */
  readonly visited: string[] = [];

  /** Like a browser: navigations accept HTML, and a posted form carries its page's Origin. */
  async request(
    url: URL,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml', cookie: this.jar.header(url) };
    let body: string | null = null;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['origin'] = url.origin;
      body = new URLSearchParams(init.form).toString();
    }
    Object.assign(headers, init.headers);
    const res = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.jar.store(res);
    this.visited.push(url.href, ...(res.headers.get('location') ? [res.headers.get('location')!] : []));
    return res;
  }

  /** Follows redirects until a page is shown or the browser is sent to `stopAt`. */
  async follow(start: Response, from: URL, stopAt: string): Promise<{ res: Response; url: URL }> {
    let res = start;
    let url = from;
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url };
      url = new URL(location, url);
      if (url.href.startsWith(stopAt)) return { res, url };
      res = await this.request(url);
    }
    throw new Error('too many redirects');
  }
}

export function formAction(html: string, base: URL): URL {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('no form on the page');
  return new URL(action.replaceAll('&amp;', '&'), base);
}

/** The sign-in page's captcha is drawn as SVG text, so a test can read it like a person would. */
export function captchaAnswer(html: string): string {
  const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
  return [...svg.matchAll(/<text[^>]*>([^<])<\/text>/g)].map((m) => m[1]).join('');
}


/** The value of a hidden form field on a page (a CSRF token, say); the first one of that name. */
export function hiddenField(html: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const value = new RegExp(`<input type="hidden" name="${escaped}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no hidden field ${name} on the page`);
  return value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
