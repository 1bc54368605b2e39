import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { checkAddress, parseCidrs, type AddressPolicy } from './address-policy.ts';

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Where a delivery connects: the address that was checked, so a second DNS answer cannot send it elsewhere. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export class WebhookUrlRefused extends Error {}

/** The URL's own rules, before any DNS: HTTPS (plain HTTP only to loopback in the dev topology), no credentials. */
export function parseWebhookUrl(raw: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused('is not a URL');
  }
  if (url.username || url.password) throw new WebhookUrlRefused('must not carry credentials: the signature authenticates deliveries');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && policy.allowLoopback && isLoopbackName(url.hostname)) return url;
  throw new WebhookUrlRefused('must use HTTPS');
}

/**
 * Resolves the URL's host and checks every address it resolves to: one forbidden answer refuses the
 * whole name, since the next connection could pick it. Run at registration and again before each
 * delivery, whose connection then goes to the address returned.
 */
export async function checkWebhookTarget(raw: string, policy: AddressPolicy, resolve: Resolve = systemResolve): Promise<CheckedTarget> {
  const url = parseWebhookUrl(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let answers: { address: string; family: number }[];
  if (isIP(host)) answers = [{ address: host, family: isIP(host) }];
  else {
    try {
      answers = await resolve(host);
    } catch (error) {
      throw new WebhookUrlRefused(`host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'no answer'})`);
    }
  }
  const [first] = answers;
  if (!first) throw new WebhookUrlRefused(`host ${host} does not resolve`);
  const allowed = parseCidrs(policy.allowedCidrs);
  for (const answer of answers) {
    const verdict = checkAddress(answer.address, policy, allowed);
    if (!verdict.allowed) throw new WebhookUrlRefused(`points to ${verdict.reason}`);
    if (url.protocol === 'http:' && !verdict.loopback) throw new WebhookUrlRefused('must use HTTPS');
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

function isLoopbackName(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
