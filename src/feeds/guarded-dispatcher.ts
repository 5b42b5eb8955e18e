import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { isForbiddenAddress } from './forbidden-address';

/** Every address a host name resolves to, as `dns.lookup(name, { all: true })` gives them. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

/** The code our refusal carries out of undici's request, read by describeFetchError. */
export const FORBIDDEN_ADDRESS_CODE = 'ERR_FEED_ADDRESS_FORBIDDEN';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici dispatcher for server-added feeds that vets the address each socket actually connects to.
 * Checking a URL once before the request is not enough: DNS may answer differently a moment later
 * (rebinding). Here the name is resolved once per connection, the connection is refused when ANY of its
 * addresses is forbidden (a name mixing public and private addresses is hostile), literals are checked
 * before connecting, and the connected socket's peer address is checked again before a byte is sent.
 */
export function createGuardedDispatcher(options: { resolve?: ResolveAll; isForbidden?: (address: string) => boolean } = {}): Dispatcher {
  const resolve = options.resolve ?? systemResolve;
  const isForbidden = options.isForbidden ?? isForbiddenAddress;
  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname)
      .then((all) => {
        if (all.some((a) => isForbidden(a.address))) throw forbiddenError(hostname);
        const wanted = all.filter((a) => !lookupOptions.family || a.family === lookupOptions.family);
        const [first] = wanted;
        if (!first) throw Object.assign(new Error(`no usable address for ${hostname}`), { code: 'ENOTFOUND', hostname });
        if (lookupOptions.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
  const connectBase = buildConnector({ lookup });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
    // A literal is never looked up, so the lookup above would not see it.
    if (isIP(host) && isForbidden(host)) return callback(forbiddenError(host), null);
    connectBase(connectOptions, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('connection failed'), null);
      if (!isAllowedPeer(socket, isForbidden)) {
        socket.destroy();
        return callback(forbiddenError(host), null);
      }
      callback(null, socket);
    });
  };
  return new Agent({ connect });
}

function isAllowedPeer(socket: Socket, isForbidden: (address: string) => boolean): boolean {
  const peer = socket.remoteAddress;
  return peer !== undefined && !isForbidden(peer);
}

function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

function forbiddenError(host: string): Error {
  return Object.assign(new Error(`${host} resolves to a private or local address`), { code: FORBIDDEN_ADDRESS_CODE, hostname: host });
}
