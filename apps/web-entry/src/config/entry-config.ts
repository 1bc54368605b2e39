import { z } from 'zod';

/** `kafka=127.0.0.1:19092,kubo=127.0.0.1:15001`: stack components the ops dashboard probes by TCP. */
const componentList = z
  .string()
  .regex(/^([\w-]+=[\w.-]+:\d+)?(,[\w-]+=[\w.-]+:\d+)*$/, 'WEB_COMPONENTS must be name=host:port[,name=host:port…]')
  .default('')
  .transform((list) =>
    list
      .split(',')
      .filter(Boolean)
      .map((item) => {
        const [name = '', address = ''] = item.split('=');
        const [host = '', port = ''] = address.split(':');
        return { name, host, port: Number(port) };
      }),
  );

const schema = z.object({
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(13000),
  /** the address to listen on: loopback unless a container or pod must be reached from outside it */
  WEB_HOST: z.union([z.ipv4(), z.ipv6()], { error: 'WEB_HOST must be an IP address (127.0.0.1, 0.0.0.0, ::)' }).default('127.0.0.1'),
  WEB_IDENTITY_URL: z.url(),
  WEB_LEDGER_URL: z.url(),
  WEB_STORAGE_URL: z.url(),
  WEB_ACCESS_POLICY_URL: z.url(),
  WEB_AUDIT_URL: z.url(),
  /** the built dashboard (index.html and assets) */
  WEB_STATIC_DIR: z.string().min(1),
  WEB_COMPONENTS: componentList,
  /** how often the ops dashboard's figures are sampled while someone watches */
  WEB_OPS_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(2000),
  /** where the entry also serves HTTPS; unset, it serves plain HTTP only (a developer's machine) */
  WEB_HTTPS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** the server certificate (PEM, leaf first, then any intermediates) and its private key (PEM) */
  WEB_TLS_CERT_FILE: z.string().min(1).optional(),
  WEB_TLS_KEY_FILE: z.string().min(1).optional(),
}).refine((env) => (env.WEB_HTTPS_PORT === undefined) === (env.WEB_TLS_CERT_FILE === undefined) && (env.WEB_TLS_CERT_FILE === undefined) === (env.WEB_TLS_KEY_FILE === undefined), {
  message: 'WEB_HTTPS_PORT, WEB_TLS_CERT_FILE and WEB_TLS_KEY_FILE go together: set all three to serve HTTPS, or none',
});

export type EntryConfig = z.infer<typeof schema>;
export type ProbedComponent = EntryConfig['WEB_COMPONENTS'][number];
export const ENTRY_CONFIG = Symbol('ENTRY_CONFIG');

/** Validates the environment once at boot: a bad setting stops the entry with a sentence that names it. */
export function loadEntryConfig(env: NodeJS.ProcessEnv = process.env): EntryConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`web entry configuration is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
