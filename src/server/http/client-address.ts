import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) as `192.0.2.1`. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Whether an entry of BAKEN_TRUSTED_PROXIES is an address or a CIDR range. */
export function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** The trusted proxies (addresses and CIDR ranges, checked with `isAddressOrRange`) as a lookup list. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

const isTrusted = (list: BlockList, address: string) => {
  const type = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : undefined;
  return type !== undefined && list.check(address, type);
};

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * rightmost address in X-Forwarded-For that is not a trusted proxy (each proxy appends the
 * address it saw, so everything left of that hop may be forged by the client).
 */
export function clientAddressOf(peer: string, forwardedFor: string | undefined, trusted: BlockList): string {
  let client = plain(peer);
  if (!isTrusted(trusted, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((hop) => plain(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

/**
 * Makes the request's socket report the client's address (see `clientAddressOf`), so that
 * Astro's `clientAddress` in every route is the real client behind a trusted proxy.
 */
export function applyClientAddress(req: IncomingMessage, trusted: BlockList): void {
  const peer = req.socket.remoteAddress;
  if (!peer || !isTrusted(trusted, plain(peer))) return;
  const forwarded = req.headers['x-forwarded-for'];
  const address = clientAddressOf(peer, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusted);
  const socket = req.socket;
  req.socket = new Proxy(socket, {
    get(target, property) {
      if (property === 'remoteAddress') return address;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
