// Recognising internal host names in text an external reader sees: loopback and private IP addresses,
// `localhost`, and names under suffixes that never resolve on the public Internet (`.internal`, `.local`,
// `.corp`, `.lan`, `.intranet`, `.home.arpa`, …). Teams add their own patterns (e.g. `*.corp.example.com`)
// and exempt false positives through the ruleset's `x-exposure.internalHosts` / `x-exposure.publicHosts`.
import picomatch from 'picomatch';

/** Suffixes reserved or customary for private networks (RFC 6762 .local, RFC 8375 .home.arpa, ICANN .internal). */
const PRIVATE_SUFFIXES = [
  'internal',
  'local',
  'localdomain',
  'localhost',
  'corp',
  'lan',
  'intranet',
  'intra',
  'private',
  'home.arpa',
  'home',
];

function ipv4Reason(host: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if ([a, b, Number(m[3]), Number(m[4])].some((n) => n > 255)) return undefined;
  if (a === 127) return 'a loopback address';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private address';
  if (a === 169 && b === 254) return 'a link-local address';
  return undefined; // 0.0.0.0 is "any address" (a bind address or a CIDR), not a host
}

function ipv6Reason(host: string): string | undefined {
  const address = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (!address.includes(':') || !/^[0-9a-f:.]+$/.test(address)) return undefined;
  if (address === '::1') return 'a loopback address';
  if (/^f[cd][0-9a-f]{0,2}:/.test(address)) return 'a unique-local address';
  if (/^fe[89ab][0-9a-f]?:/.test(address)) return 'a link-local address';
  return undefined;
}

export interface HostOptions {
  /** Extra host globs that are internal, e.g. `*.corp.example.com`. */
  internalHosts?: string[];
  /** Host globs never reported (they win over everything else). */
  publicHosts?: string[];
}

const globCache = new Map<string, (host: string) => boolean>();
function matchesAny(host: string, globs: string[] | undefined): string | undefined {
  for (const glob of globs ?? []) {
    let match = globCache.get(glob);
    if (!match) globCache.set(glob, (match = picomatch(glob.toLowerCase(), { dot: true })));
    if (match(host)) return glob;
  }
  return undefined;
}

/** Why a host is internal, or undefined when it may be public. */
export function internalHostReason(rawHost: string, options: HostOptions = {}): string | undefined {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  if (!host || /[{}<>$%]/.test(host)) return undefined; // a template: `{host}`, `<your-host>`, `$HOST`
  if (matchesAny(host, options.publicHosts)) return undefined;
  const ip = ipv4Reason(host) ?? ipv6Reason(host);
  if (ip) return ip;
  if (host === 'localhost') return 'the local machine';
  const suffix = PRIVATE_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  if (suffix) return `a .${suffix} name, not resolvable on the Internet`;
  const glob = matchesAny(host, options.internalHosts);
  if (glob) return `matches the internal host pattern ${glob}`;
  return undefined;
}

export interface HostMention {
  host: string;
  reason: string;
}

// scheme://[user@]host[:port]: the host of every URL in the text.
const URL_HOST = /\b[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@'"<>]*@)?(\[[0-9a-f:.]+\]|[^\s/:?#'"<>\\)\]},;`|]+)(:\d+)?/gi;
// Bare names and addresses in prose: "call orders.svc.cluster.local", "localhost:8080", "10.0.3.7".
const BARE_NAME = new RegExp(
  `(?<![\\w.@/-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${PRIVATE_SUFFIXES.map((s) => s.replace('.', '\\.')).join('|')}))(?!\\.?[\\w-])`,
  'gi',
);
// `localhost:8080` outside a URL. A bare `10.0.3.7:8080` is not taken: on real specifications it is nearly always
// data (the address of a customer's backend node in a load-balancer example), not a host of the API.
const HOST_PORT = /(?<![\w.:/@-])(localhost):\d{2,5}\b/gi;
// `orders-service:8080` in a URL is a container or cluster service name, not a public host.
const SINGLE_LABEL_WITH_PORT = /^[a-z][a-z0-9-]*$/i;

/** A loopback host: in example data it is the reader's own machine (a redirect URI, a test webhook), not ours. */
export const isLoopbackReason = (reason: string) => reason === 'a loopback address' || reason === 'the local machine';

/**
 * Internal hosts named in a piece of text, each once, in order of appearance: hosts of URLs, `localhost:port`,
 * and bare names under private suffixes. A bare IP address or the word "localhost" in prose is data or
 * talk about hosts ("invalid hostnames like localhost are refused", an allow-listed IP), not a host we serve from.
 */
export function internalHostsIn(text: string, options: HostOptions = {}): HostMention[] {
  // Most texts name no host, and the editor scans the same descriptions again at every keystroke.
  const signature =
    options.internalHosts?.length || options.publicHosts?.length ? JSON.stringify([options.internalHosts, options.publicHosts]) : '';
  const clean = textsWithoutHosts.get(signature);
  if (clean?.has(text)) return [];
  const mentions = scanForHosts(text, options);
  if (mentions.length === 0) rememberWithoutHosts(signature, text);
  return mentions;
}

/** Texts known to name no internal host, per host options. Bound: TEXTS_WITHOUT_HOSTS_MAX texts in all (then forgotten). */
const textsWithoutHosts = new Map<string, Set<string>>();
export const TEXTS_WITHOUT_HOSTS_MAX = 50_000;
let textsWithoutHostsCount = 0;

function rememberWithoutHosts(signature: string, text: string): void {
  if (textsWithoutHostsCount >= TEXTS_WITHOUT_HOSTS_MAX) {
    textsWithoutHosts.clear();
    textsWithoutHostsCount = 0;
  }
  let texts = textsWithoutHosts.get(signature);
  if (!texts) textsWithoutHosts.set(signature, (texts = new Set()));
  if (!texts.has(text)) {
    texts.add(text);
    textsWithoutHostsCount++;
  }
}

function scanForHosts(text: string, options: HostOptions): HostMention[] {
  const found = new Map<string, string>();
  const add = (host: string, reason: string | undefined) => {
    const key = host.toLowerCase();
    if (reason && !found.has(key)) found.set(key, reason);
  };
  for (const m of text.matchAll(URL_HOST)) {
    const host = m[1];
    const reason = internalHostReason(host, options);
    if (reason) add(host, reason);
    else if (
      m[2] &&
      SINGLE_LABEL_WITH_PORT.test(host) &&
      host.toLowerCase() !== 'localhost' &&
      !matchesAny(host.toLowerCase(), options.publicHosts)
    ) {
      add(host, 'a single-label service name, not resolvable on the Internet');
    }
  }
  for (const re of [BARE_NAME, HOST_PORT]) for (const m of text.matchAll(re)) add(m[1] ?? m[0], internalHostReason(m[1] ?? m[0], options));
  if (options.internalHosts?.length) {
    for (const m of text.matchAll(/(?<![\w.@/-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*)(?![\w-]|\.\w)/gi)) {
      add(m[1], internalHostReason(m[1], options));
    }
  }
  return [...found].map(([host, reason]) => ({ host, reason }));
}
