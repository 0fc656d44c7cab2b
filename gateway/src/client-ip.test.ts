// The client address the audit log and diagnostics record: X-Forwarded-For believed only as far as our own proxies
// wrote it. Unit cases first, then through a real gateway into a module API's audit record.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, TrustedProxies } from './client-ip.ts';
import { loadConfig } from './config.ts';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const ours = TrustedProxies.parse('127.0.0.1, 10.0.0.0/8,fd00::/8');

describe('the client address', () => {
  it('ignores X-Forwarded-For entirely when no proxy is trusted', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9', TrustedProxies.parse(''))).toBe('198.51.100.4');
    expect(clientAddress('198.51.100.4', undefined, TrustedProxies.parse(undefined))).toBe('198.51.100.4');
  });

  it('ignores the header from a peer that is not one of our proxies', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9', ours)).toBe('198.51.100.4');
    expect(clientAddress('11.0.0.1', '10.0.0.5, 203.0.113.9', ours)).toBe('11.0.0.1');
  });

  it('takes the address our proxy saw, not the first hop the caller wrote', () => {
    // The caller sent "X-Forwarded-For: 6.6.6.6"; nginx appended the address it saw.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', ours)).toBe('203.0.113.9');
  });

  it('walks back through a chain of trusted proxies to the first address that is not ours', () => {
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.1.2.3', ours)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.9', '203.0.113.9,10.1.2.3 , 10.200.0.1', ours)).toBe('203.0.113.9');
  });

  it('stops at the last trusted hop when the one before it is not an address at all', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9, unknown, 10.1.2.3', ours)).toBe('10.1.2.3');
    expect(clientAddress('127.0.0.1', '<script>', ours)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '', ours)).toBe('127.0.0.1');
  });

  it('answers with the innermost hop when every hop is one of ours', () => {
    expect(clientAddress('127.0.0.1', '10.0.0.7, 10.0.0.8', ours)).toBe('10.0.0.7');
  });

  it('reads IPv6, IPv4-mapped sockets and hops with ports alike', () => {
    expect(clientAddress('::ffff:127.0.0.1', '2001:db8::7, fd00::1', ours)).toBe('2001:db8::7');
    expect(clientAddress('fd00::2', '[2001:DB8::8]:443', ours)).toBe('2001:db8::8');
    expect(clientAddress('127.0.0.1', '203.0.113.9:51234', ours)).toBe('203.0.113.9');
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('not-an-address')).toBeNull();
  });

  it('refuses a configuration it cannot read, naming the entry', () => {
    expect(() => TrustedProxies.parse('10.0.0.0/8, nginx')).toThrow(/"nginx"/);
    expect(() => TrustedProxies.parse('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => TrustedProxies.parse('fd00::/129')).toThrow(/prefix/);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8,localhost' })).toThrow(/localhost/);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8 127.0.0.1' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
  });
});

describe('through the gateway into the audit log', () => {
  let stack: Stack;
  let headers: Record<string, string>;
  beforeAll(async () => {
    stack = await startStack({ env: { TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' } });
    const { browser } = await signInThrough(stack, 'national_admin');
    const me = (await (await browser.request(new URL('/auth/me', stack.gatewayUrl), { headers: { accept: 'application/json' } })).json()) as { csrfToken: string };
    headers = {
      'content-type': 'application/json',
      accept: 'application/json',
      cookie: browser.jar.header(new URL('/api/', stack.gatewayUrl)),
      origin: stack.gatewayUrl,
      'x-csrf-token': me.csrfToken,
    };
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** Publishes a notice from `localAddress`, with the given X-Forwarded-For, and reads the address its audit record holds. */
  async function recorded(localAddress: string, forwardedFor?: string): Promise<string | null> {
    const body = JSON.stringify({ title: `来源地址 ${localAddress} ${forwardedFor ?? ''}`.slice(0, 60), body: '记录客户端地址。' });
    const id = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(new URL('/api/admin/notices', stack.gatewayUrl), {
        method: 'POST',
        localAddress,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => (res.statusCode === 201 ? resolve((JSON.parse(text) as { id: string }).id) : reject(new Error(`${res.statusCode} ${text}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
    const { rows } = await stack.gateway.db.query<{ client_ip: string | null }>('select client_ip from audit.records where object_id = $1', [id]);
    return rows[0]!.client_ip;
  }

  it('records the address our proxy saw, not the spoofed first hop', async () => {
    expect(await recorded('127.0.0.1', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('records the client behind two trusted proxies', async () => {
    expect(await recorded('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.1.2.3')).toBe('203.0.113.9');
  });

  it('ignores the header from a peer that is not a trusted proxy', async () => {
    expect(await recorded('127.0.0.2', '203.0.113.9')).toBe('127.0.0.2');
  });

  it('records the connection itself when nothing is forwarded', async () => {
    expect(await recorded('127.0.0.1')).toBe('127.0.0.1');
  });
});
