import { randomBytes } from 'node:crypto';
import type { Role } from '@gridledger/domain';
import { loadConnectionConfig, pidFilePath, platformEndpoints, readPidFile, type PlatformEndpoints } from '@gridledger/stack-connection';
import { runStackCommand } from './stack-command.ts';

export type PlatformServiceName = 'identity' | 'ledger' | 'storage' | 'access-policy' | 'audit';

/**
 * Starts (or restarts) every platform service the way `npm start` does: built from the current
 * sources and supervised by the stack. Tests then talk to them as other services would.
 */
export function startPlatformServices(): PlatformEndpoints {
  runStackCommand(['start'], ['ignore', 'ignore', 'inherit']);
  return platformEndpoints(loadConnectionConfig());
}

/**
 * Runs `npm run stack -- up`: starts whatever component of the stack is down (not the services).
 */
export function stackUp(): void {
  runStackCommand(['up'], ['ignore', 'ignore', 'inherit']);
}

/** The stack's own processes, as its pid files name them. */
export type StackComponentName = 'kafka' | 'kubo' | 'postgres' | 'orderer' | 'peer-grid' | 'peer-regulator' | 'peer-consumer' | 'chaincode' | 'ca-grid' | 'ca-regulator' | 'ca-consumer';

/**
 * SIGKILLs a running stack component or platform service (kafka, ledger, and in the ha topology
 * kafka-2, ledger-2, …, as their pid files name them): no shutdown hook runs, as in a crash.
 * Returns the pid it killed.
 */
export function killComponent(name: PlatformServiceName | StackComponentName | (string & {})): number {
  const record = readPidFile(pidFilePath(loadConnectionConfig().paths, name));
  if (!record) throw new Error(`the ${name} service is not running (no pid file)`);
  // the daemon runs in its own process group: kill the group, as the stack's down does
  process.kill(-record.pid, 'SIGKILL');
  return record.pid;
}

/**
 * Pauses a stack component such as `peer-grid` with SIGSTOP for `ms`, then resumes it with
 * SIGCONT, even when the wait is cut short: a paused process keeps its connections open and
 * answers nothing, the harshest kind of outage for its clients. Resolves with the seconds it was stopped.
 */
export async function pauseComponent(name: string, ms: number): Promise<number> {
  const record = readPidFile(pidFilePath(loadConnectionConfig().paths, name));
  if (!record) throw new Error(`the ${name} component is not running (no pid file)`);
  const started = Date.now();
  process.kill(-record.pid, 'SIGSTOP');
  try {
    await new Promise((resolve) => setTimeout(resolve, ms));
  } finally {
    process.kill(-record.pid, 'SIGCONT');
  }
  return (Date.now() - started) / 1000;
}

export interface PlatformUser {
  id: string;
  username: string;
  password: string;
  mspId: string;
  role: string;
}

/** Onboards a user through the identity service's API, as an organisation admin does. */
export async function onboardUser(endpoints: PlatformEndpoints, mspId: string, role: Role): Promise<PlatformUser> {
  const admin = endpoints.admins.find((a) => a.mspId === mspId);
  if (!admin) throw new Error(`the stack has no first admin for ${mspId}`);
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${endpoints.identityUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const { accessToken } = await call('/auth/login', { username: admin.username, password: admin.password });
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const password = `Test-${randomBytes(9).toString('base64url')}`;
  const created = await call(`/organizations/${mspId}/users`, { username, email: `${username}@test.example`, password, role }, accessToken as string);
  return { id: created['id'] as string, username, password, mspId, role };
}

/** Signs in through the identity service and returns the access token. */
export async function signIn(endpoints: PlatformEndpoints, user: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${endpoints.identityUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: user.password }) });
  const body = (await response.json()) as { accessToken?: string };
  if (!response.ok || !body.accessToken) throw new Error(`sign-in of ${user.username} answered ${response.status}`);
  return body.accessToken;
}
