// The address a request came from, for diagnostics and the audit log (handed to module APIs as x-client-ip).
// X-Forwarded-For is anyone's to write, so it is believed only as far as our own proxies (TRUSTED_PROXIES) wrote it:
// walked from the right, each trusted hop names the one before it, and the first address that is not one of ours
// is the client. Without a trusted proxy the header is ignored and the connection's own address is the answer.
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The configured proxies: single addresses or CIDR blocks, IPv4 or IPv6. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address);
      if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR block`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) this.list.addAddress(address, type);
      else {
        const prefix = Number(bits);
        if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
        this.list.addSubnet(address, prefix, type);
      }
    }
    this.size = entries.length;
  }

  /** Parses `10.0.0.0/8, 127.0.0.1, fd00::/8` (commas or spaces between entries). */
  static parse(value: string | undefined): TrustedProxies {
    return new TrustedProxies((value ?? '').split(/[\s,]+/).filter(Boolean));
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/**
 * One address as a proxy or a socket writes it, made comparable: `::ffff:10.0.0.1` is 10.0.0.1, `[2001:db8::1]:443`
 * and `203.0.113.7:51234` lose their port. Null for anything that is not an address.
 */
export function normalizeAddress(value: string): string | null {
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(text);
  if (mapped) text = mapped[1]!;
  return isIP(text) ? text.toLowerCase() : null;
}

/** The client's address from the connection's peer and the X-Forwarded-For it carried. */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string | undefined {
  const socket = peer === undefined ? null : normalizeAddress(peer);
  if (!socket) return undefined;
  if (!trusted.size || !forwardedFor || !trusted.has(socket)) return socket;
  let nearest = socket;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    // A hop our proxies could not have written: stop at the last address a trusted proxy did see.
    if (!hop) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  // Every hop is one of ours (a request from inside): the first of them is as far as it goes.
  return nearest;
}

const NO_PROXIES = new TrustedProxies([]);
const known = new WeakMap<Context, string | null>();

/** Works out the request's client address once, with the configured proxies (the gateway app does, first of all). */
export function rememberClientIp(c: Context, trusted: TrustedProxies): void {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  known.set(c, clientAddress(peer, c.req.header('x-forwarded-for'), trusted) ?? null);
}

/** The request's client address, as rememberClientIp found it (the socket's own when nothing was remembered). */
export function clientIp(c: Context): string | undefined {
  if (!known.has(c)) rememberClientIp(c, NO_PROXIES);
  return known.get(c) ?? undefined;
}
