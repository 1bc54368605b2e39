import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { loadConnectionConfig, platformEndpoints, type PlatformEndpoints } from '@gridledger/stack-connection';
import { generateRecipientKeyPair, openKeyEnvelope, type KeyEnvelope } from '@gridledger/file-crypto';
import { onboardUser, startPlatformServices, type PlatformUser } from '@gridledger/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnSomePage, launchChromium, newUserPage, outcome, reloadUntilVisible, signInThroughUi } from './support/browser.ts';

/**
 * One picture per screen, into dist/screenshots on every run; with GRIDLEDGER_UPDATE_SCREENSHOTS=1
 * into docs/screenshots, the ones the README shows, so a test run does not change tracked files.
 */
const SCREENSHOTS = join(loadConnectionConfig().paths.repo, ...(process.env['GRIDLEDGER_UPDATE_SCREENSHOTS'] === '1' ? ['docs'] : ['dist']), 'screenshots');

/**
 * The sharing story through the dashboard, in a real browser against the platform as `npm start`
 * runs it: admins onboard people and give credits, an owner uploads a sensitive file, a consumer
 * finds and requests it, the owner and then the regulator approve, the consumer downloads it, and
 * the ops dashboard follows it all live. The steps depend on each other, in order.
 */
describe('the dashboard, end to end in Chromium', () => {
  let endpoints: PlatformEndpoints;
  let browser: Browser;
  let regulator: PlatformUser;
  const run = randomBytes(3).toString('hex');
  const owner = { username: `steward-${run}`, password: `Steward-${randomBytes(9).toString('base64url')}` };
  const consumer = { username: `analyst-${run}`, password: `Analyst-${randomBytes(9).toString('base64url')}` };
  const title = `Feeder 12 load curve ${run}`;
  const csv = Buffer.from(['timestamp,feeder,active_power_kw', ...Array.from({ length: 500_000 }, (_, i) => `2026-11-01T00:00:${String(i % 60).padStart(2, '0')}Z,F12,${(420 + 80 * Math.sin(i / 15)).toFixed(1)}`)].join('\n'));
  let assetId = '';

  const admin = (mspId: string) => {
    const found = endpoints.admins.find((a) => a.mspId === mspId);
    if (!found) throw new Error(`the stack has no first admin for ${mspId}`);
    return found;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const as = async <T,>(user: { username: string; password: string }, work: (page: Page) => Promise<T>, width?: number): Promise<T> => {
    const { context, page } = await newUserPage(browser, width);
    try {
      await signInThroughUi(page, endpoints.webUrl, user);
      return await work(page);
    } finally {
      await context.close();
    }
  };

  beforeAll(async () => {
    // GRIDLEDGER_E2E_RUNNING=1: against the platform as it runs now, for a quick look while working on the dashboard
    endpoints = process.env['GRIDLEDGER_E2E_RUNNING'] === '1' ? platformEndpoints(loadConnectionConfig()) : startPlatformServices();
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    regulator = await onboardUser(endpoints, 'RegulatorMSP', 'regulator');
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the sign-in page at the address npm start prints, in English and in 简体中文, and explains a wrong password', async () => {
    const { context, page } = await newUserPage(browser);
    await page.goto(endpoints.webUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, '01-sign-in');
    await page.getByLabel('Username').fill('nobody');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The username or password is wrong.');
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('用户名或密码错误。');
    await shot(page, '02-sign-in-zh');
    await context.close();
  });

  it('the entry forwards only what the browser may reach, and checks the token first', async () => {
    const at = (path: string, init?: RequestInit) => fetch(`${endpoints.webUrl}${path}`, init);
    const json = async (response: Response) => (await response.json()) as { code?: string };
    expect(await at('/health').then((r) => r.status)).toBe(200);
    // internal routes of the services are not public, whoever asks
    for (const path of ['/api/identity/internal/signatures', '/api/ledger/operator/replays']) expect(await at(path, { method: 'POST' }).then(json)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await at('/api/ledger/metrics').then((r) => r.status)).toBe(404);
    // the ledger's reads need a signed-in user; a forged one is refused at the entry
    expect(await at('/api/ledger/assets', { headers: { 'x-gridledger-user': regulator.id } }).then(json)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await at('/api/ledger/assets', { headers: { authorization: 'Bearer not-a-jwt' } }).then((r) => r.status)).toBe(401);
    const login = await at('/api/identity/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: regulator.username, password: regulator.password }) }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const asRegulator = { authorization: `Bearer ${login.accessToken}` };
    expect(await at('/api/ledger/chain/height', { headers: asRegulator }).then((r) => r.json())).toMatchObject({ height: expect.stringMatching(/^\d+$/) });
    const snapshot = (await at('/api/ops/snapshot', { headers: asRegulator }).then((r) => r.json())) as { services: { name: string; status: string }[]; kafka: { consumerGroups: { service: string; group: string }[] } };
    expect(snapshot.services.map((s) => s.name)).toEqual(['identity', 'ledger', 'storage', 'access-policy', 'audit']);
    // every service that consumes reports its own groups' lag on its /metrics, and the entry reads them all
    expect(new Set(snapshot.kafka.consumerGroups.map((g) => g.service))).toEqual(new Set(['ledger', 'storage', 'access-policy', 'audit']));
    // any page path is the dashboard, so a shared link works
    const page = await at('/catalog/some-asset');
    expect(page.headers.get('content-type')).toContain('text/html');
    // and it protects the browser: own scripts only, no framing, no sniffing, no referrer
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self';.*frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await at('/api/ledger/assets')).headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('strict-transport-security')).toBeNull();
  });

  it('the entry serves HTTPS with the stack CA\'s certificate, and tells browsers to keep to it', async () => {
    const overTls = (ca?: Buffer) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; protocol: string }>((resolve, reject) => {
        const request = httpsGet(`${endpoints.webHttpsUrl}/catalog`, ca ? { ca } : {}, (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, headers: response.headers, protocol: (response.socket as TLSSocket).getProtocol() ?? '' });
        });
        request.on('error', reject);
      });
    const answer = await overTls(readFileSync(endpoints.stackCaFile));
    expect(answer.status).toBe(200);
    expect(answer.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(answer.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    // the certificate is the stack's own: a client that does not trust that CA refuses it
    await expect(overTls()).rejects.toThrow(/self[- ]signed|unable to (verify|get local issuer)/i);
  });

  it('the grid company admin onboards a data steward', async () => {
    await as(admin('GridMSP'), async (page) => {
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByLabel('Username').fill(owner.username);
      await page.getByLabel('E-mail').fill(`${owner.username}@grid.example`);
      await page.getByLabel('Initial password (12 or more characters)').fill(owner.password);
      await page.getByLabel('Role').selectOption('owner');
      await page.getByRole('button', { name: 'Onboard' }).click();
      await outcome(page, page.getByText(`${owner.username} was onboarded`));
      await page.locator(`tr[data-username="${owner.username}"]`).waitFor();
      await shot(page, '03-admin-users');
    });
  });

  it('the consumer organisation admin onboards an analyst and gives them credits', async () => {
    await as(admin('ConsumerMSP'), async (page) => {
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByLabel('Username').fill(consumer.username);
      await page.getByLabel('E-mail').fill(`${consumer.username}@research.example`);
      await page.getByLabel('Initial password (12 or more characters)').fill(consumer.password);
      await page.getByLabel('Role').selectOption('consumer');
      await page.getByRole('button', { name: 'Onboard' }).click();
      const row = page.locator(`tr[data-username="${consumer.username}"]`);
      await row.waitFor({ timeout: 60_000 });
      await row.getByRole('button', { name: 'Allocate credits' }).click();
      await row.getByRole('textbox', { name: 'Credits' }).fill('500');
      await row.getByRole('button', { name: 'Allocate' }).click();
      await outcome(page, page.getByText(`500 credits allocated to ${consumer.username}.`));
    });
  });

  it('the steward uploads a sensitive file with a progress bar and sees it anchored without a reload', async () => {
    assetId = await as(owner, async (page) => {
      await page.getByRole('link', { name: 'Upload' }).click();
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Description').fill('15-minute active power of feeder 12, November 2026');
      await page.getByLabel('Sensitivity').selectOption('sensitive');
      await page.getByLabel('Price (credits)').fill('120');
      await page.getByLabel('Purposes (comma-separated; empty: any)').fill('load-forecasting, research');
      await page.locator('#up-file').setInputFiles({ name: 'feeder-12.csv', mimeType: 'text/csv', buffer: csv });
      await shot(page, '04-upload-form');
      // about 15 MiB, sent at 4 MiB/s (Chromium's network throttling), so the bar is seen moving
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.getByText(/^Sending /).first().waitFor();
      await page.waitForTimeout(1500);
      await shot(page, '04b-upload-progress');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await outcome(page, page.getByText(/Anchored on chain in block \d+\./), 120_000);
      await shot(page, '05-upload-anchored');
      const href = await page.getByRole('link', { name: 'Open the asset page' }).getAttribute('href');
      return href?.split('/').pop() ?? '';
    });
    expect(assetId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the analyst finds it in the catalog, reads its on-chain record and lineage, and requests access', async () => {
    await as(consumer, async (page) => {
      await page.getByRole('link', { name: 'Catalog' }).click();
      await page.getByLabel('Sensitivity').selectOption('sensitive');
      await page.getByLabel('Per page').selectOption('100');
      await page.getByLabel('Search title and description').fill(run);
      await findOnSomePage(page, page.getByRole('link', { name: title }));
      // the search runs on the server: the earlier results stay on screen until its answer replaces them
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
      await shot(page, '06-catalog');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { name: title, exact: true }).waitFor();
      await page.getByRole('img', { name: 'Lineage graph: who did what to this asset' }).waitFor();
      expect(await page.getByTestId('asset-block').textContent()).toMatch(/^\d+$/);
      await shot(page, '07-asset');
      await page.getByLabel('Purpose').selectOption('load-forecasting');
      await page.getByLabel('For how many days').fill('1');
      await page.getByRole('button', { name: 'Send request' }).click();
      await outcome(page, page.getByText('Request sent: the owner decides next.'));
      await page.getByRole('link', { name: 'My requests & grants' }).click();
      await reloadUntilVisible(page, page.getByText('waiting for the owner'));
      expect(await page.getByTestId('escrow').textContent()).toBe('120');
    });
  });

  it('the steward approves it from the inbox; it then waits for the regulator', async () => {
    await as(owner, async (page) => {
      await page.getByRole('link', { name: 'My assets & requests' }).click();
      const approve = page.locator('tr', { hasText: title }).getByRole('button', { name: 'Approve' });
      await reloadUntilVisible(page, approve);
      await shot(page, '08-owner-inbox');
      await approve.click();
      await page.getByLabel('Reason').fill('forecasting is what the data is for');
      await page.getByLabel('Reason').press('Enter');
      await page.getByLabel('Reason').waitFor({ state: 'detached', timeout: 90_000 });
      await reloadUntilVisible(page, page.getByText('waiting for the regulator'));
    });
  });

  it('the regulator approves the sensitive share and finds it in the audit log', async () => {
    await as(regulator, async (page) => {
      await page.getByRole('link', { name: 'Regulator console' }).click();
      // other requests may wait for the regulator too: this story's is the row with its asset
      const approve = page.locator('tr', { hasText: title }).getByRole('button', { name: 'Approve' });
      await reloadUntilVisible(page, approve);
      await approve.click();
      await page.getByLabel('Reason').fill('purpose within the licence');
      await page.getByLabel('Reason').press('Enter');
      await page.getByLabel('Reason').waitFor({ state: 'detached', timeout: 90_000 });
      const audit = page.getByRole('form', { name: 'Audit log' });
      await audit.getByLabel('Asset id').fill(assetId);
      // the audit service reads the grant from Kafka; search again until it has
      const granted = page.getByText('chain.access-granted').first();
      for (let tries = 0; ; tries += 1) {
        await audit.getByRole('button', { name: 'Search' }).click();
        if (await granted.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
        if (tries > 20) throw new Error('the audit log never showed the grant');
      }
      await shot(page, '09-regulator');
      // reconciliation on demand: chain against storage, IPFS and grants (the whole platform: it may take a while)
      await page.getByRole('button', { name: 'Reconcile now' }).click();
      await page.getByText(/assets and \d+ grants checked; disagreements with the chain: \d+\./).waitFor({ timeout: 300_000 });
    });
  }, 420_000);

  it("the analyst downloads the file through the platform, a single-use link handed to the browser's download manager: the same bytes", async () => {
    await as(consumer, async (page) => {
      await page.getByRole('link', { name: 'My requests & grants' }).click();
      const download = page.getByRole('button', { name: 'Download file' });
      await reloadUntilVisible(page, download);
      await shot(page, '10-consumer-grants');
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), download.first().click()]);
      expect(file.suggestedFilename()).toBe('feeder-12.csv');
      expect(readFileSync(await file.path()).equals(csv)).toBe(true);
      // the asset's lineage now tells the whole story, as a timeline and as a graph
      await page.goto(`${endpoints.webUrl}/catalog/${assetId}`);
      await reloadUntilVisible(page, page.getByText('downloaded').first());
      await page.getByRole('heading', { name: 'Lineage' }).scrollIntoViewIfNeeded();
      await shot(page, '07b-asset-lineage');
      expect(await page.getByRole('img', { name: 'Lineage graph: who did what to this asset' }).getAttribute('data-orientation')).toBe('wide');
    });
    // on a phone the graph stacks its kinds and fits the screen, drawn 1:1 so its 12 px text stays 12 px
    const phone = 390;
    await as(
      consumer,
      async (page) => {
        await page.goto(`${endpoints.webUrl}/catalog/${assetId}`);
        const graph = page.getByRole('img', { name: 'Lineage graph: who did what to this asset' });
        await graph.scrollIntoViewIfNeeded();
        expect(await graph.getAttribute('data-orientation')).toBe('narrow');
        const box = await graph.boundingBox();
        const drawingWidth = Number((await graph.getAttribute('viewBox'))?.split(' ')[2]);
        expect(box?.width ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(phone);
        expect((box?.width ?? 0) / drawingWidth).toBeGreaterThan(0.99);
        // soft, so a page that scrolls sideways for another reason still leaves its screenshot to look at
        expect.soft(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone);
        await shot(page, '07c-asset-lineage-phone');
      },
      phone,
    );
  });

  it('the analyst has the file key sealed for their own X25519 key; the envelope opens with their private key', async () => {
    const recipient = generateRecipientKeyPair();
    await as(consumer, async (page) => {
      await page.getByRole('link', { name: 'My requests & grants' }).click();
      const row = page.locator('tr', { hasText: title });
      await reloadUntilVisible(page, row.getByRole('button', { name: 'Key envelope' }));
      await row.getByRole('button', { name: 'Key envelope' }).click();
      await row.getByLabel('Your X25519 public key').fill(Buffer.from(recipient.publicKey).toString('base64'));
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), row.getByRole('button', { name: 'Seal the key for my public key' }).click()]);
      const released = JSON.parse(readFileSync(await file.path(), 'utf8')) as { envelope: KeyEnvelope };
      expect(await openKeyEnvelope(recipient.privateKey, released.envelope)).toHaveLength(32);
    });
  });

  it('the steward changes the price, tightens the policy and rotates the key from the asset page', async () => {
    await as(owner, async (page) => {
      await page.goto(`${endpoints.webUrl}/catalog/${assetId}`);
      await page.getByRole('button', { name: 'Edit details' }).click();
      await page.getByLabel('Price (credits)').fill('15');
      await page.getByRole('button', { name: 'Save' }).click();
      await outcome(page, page.getByText('The details were saved on chain.'));
      await reloadUntilVisible(page, page.getByText('15 credits', { exact: true }));
      await page.getByRole('button', { name: 'Edit policy' }).click();
      await page.getByLabel('Downloads per grant').fill('3');
      await page.getByRole('button', { name: 'Save' }).click();
      await outcome(page, page.getByText('The policy was saved on chain.'));
      await reloadUntilVisible(page, page.getByText('A grant allows 3 key releases and downloads in all.'));
      await page.getByRole('button', { name: 'Rotate key' }).click();
      await page.getByRole('button', { name: 'Rotate key' }).click();
      await outcome(page, page.getByText(/^The key was rotated/), 120_000);
      await reloadUntilVisible(page, page.getByText('key rotated'));
    });
  });

  it('the regulator freezes the asset and unfreezes it from its page, and exports the audit report', async () => {
    await as(regulator, async (page) => {
      await page.goto(`${endpoints.webUrl}/catalog/${assetId}`);
      for (const [action, status] of [['Freeze asset', 'frozen'], ['Unfreeze asset', 'active']] as const) {
        await page.getByRole('button', { name: action }).click();
        await page.getByLabel('Reason').fill(action === 'Freeze asset' ? 'integrity check pending' : 'integrity check passed');
        await page.getByLabel('Reason').press('Enter');
        await page.getByLabel('Reason').waitFor({ state: 'detached', timeout: 90_000 });
        await reloadUntilVisible(page, page.getByText(status, { exact: true }));
      }
      await page.getByRole('link', { name: 'Regulator console' }).click();
      const audit = page.getByRole('form', { name: 'Audit log' });
      await audit.getByLabel('Asset id').fill(assetId);
      const [report] = await Promise.all([page.waitForEvent('download'), audit.getByRole('button', { name: 'Export report (CSV)' }).click()]);
      expect(report.suggestedFilename()).toMatch(/^gridledger-audit-start-\d{8}T\d{6}Z\.csv$/);
      expect(readFileSync(await report.path(), 'utf8')).toContain('chain.access-granted');
    });
  });

  it('the steward revokes the grant', async () => {
    await as(owner, async (page) => {
      await page.getByRole('link', { name: 'My assets & requests' }).click();
      const row = page.locator('tr', { hasText: title });
      await reloadUntilVisible(page, row.getByRole('button', { name: 'Revoke grant' }));
      await row.getByRole('button', { name: 'Revoke grant' }).click();
      await page.getByLabel('Reason').fill('the study ended');
      await page.getByLabel('Reason').press('Enter');
      await page.getByLabel('Reason').waitFor({ state: 'detached', timeout: 90_000 });
      await reloadUntilVisible(page, row.getByText('revoked', { exact: true }));
    });
  });

  it("the regulator writes a note on the asset from the console; it is recorded on chain and shown in the asset's lineage", async () => {
    const note = `meter audit ${run}: readings of 3 November re-checked`;
    await as(regulator, async (page) => {
      await page.getByRole('link', { name: 'Regulator console' }).click();
      const form = page.locator('form', { hasText: 'Write a regulator note' });
      await form.getByLabel('About').selectOption('asset');
      await form.getByLabel('Asset id').fill(assetId);
      await form.getByLabel(/^Note/).fill(note);
      await form.getByRole('button', { name: 'Add note' }).click();
      await page.goto(`${endpoints.webUrl}/catalog/${assetId}`);
      await reloadUntilVisible(page, page.getByText(note));
      expect(await page.locator('blockquote.note-text', { hasText: note }).count()).toBe(1);
    });
  });

  it('the analyst changes their password; the old one no longer signs in, the new one does', async () => {
    const next = `Analyst-${randomBytes(9).toString('base64url')}`;
    await as(consumer, async (page) => {
      await page.getByRole('link', { name: 'My account' }).click();
      await page.getByLabel('Current password').fill(consumer.password);
      await page.getByLabel('New password', { exact: true }).fill(next);
      await page.getByLabel('New password again').fill(next);
      await page.getByRole('button', { name: 'Change password' }).click();
      await outcome(page, page.getByText('Your password is changed. Your other sessions are signed out.'));
    });
    const old = consumer.password;
    consumer.password = next;
    const { context, page } = await newUserPage(browser);
    try {
      await page.goto(`${endpoints.webUrl}/`);
      await page.getByLabel('Username').fill(consumer.username);
      await page.getByLabel('Password').fill(old);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('The username or password is wrong.');
    } finally {
      await context.close();
    }
    await as(consumer, async (page) => page.getByRole('link', { name: 'My account' }).waitFor());
  });

  it("the analyst subscribes to the steward's monthly feed; the steward hears of it (bell and a signed webhook), and the next month the steward publishes reaches the analyst by itself", async () => {
    const feed = `Feeder 12 monthly feed ${run}`;
    // the grid company's own system: a receiver on loopback, which the dev stack lets webhooks reach over plain HTTP
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gridledger`;
    const secret = await as(admin('GridMSP'), async (page) => {
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByLabel('Receiver URL (HTTPS)').fill(hookUrl);
      await page.getByLabel(/request\.awaiting-owner: a new request/).check();
      await page.getByRole('button', { name: 'Register webhook' }).click();
      return (await page.getByTestId('webhook-secret').textContent()) ?? '';
    });
    expect(secret.length).toBeGreaterThan(20);
    const uploadMonth = async (page: Page, month: string) => {
      await page.locator('#up-file').setInputFiles({ name: `feeder-12-${month}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`timestamp,kw\n2026-${month}-01T00:00:00Z,${month}\n`) });
      await page.getByRole('button', { name: 'Upload' }).click();
      await outcome(page, page.getByText(/Anchored on chain in block \d+\./), 120_000);
      return (await page.getByRole('link', { name: 'Open the asset page' }).getAttribute('href'))?.split('/').pop() ?? '';
    };
    const october = await as(owner, async (page) => {
      await page.getByRole('link', { name: 'Upload' }).click();
      await page.getByLabel('Title').fill(`${feed}, October`);
      await page.getByLabel('Sensitivity').selectOption('internal');
      await page.getByLabel('Price (credits)').fill('5');
      return uploadMonth(page, '10');
    });
    await as(consumer, async (page) => {
      await page.goto(`${endpoints.webUrl}/catalog/${october}`);
      await page.getByLabel('For how many days').fill('2');
      await page.getByLabel('Subscribe: receive each new version published during this term').check();
      await page.getByLabel('Versions to pay for (this one included)').fill('3');
      expect(await page.getByTestId('request-price').textContent()).toBe('15 credits held in escrow: 5 per version, 3 versions');
      await page.getByRole('button', { name: 'Send request' }).click();
      await outcome(page, page.getByText('Request sent: the owner decides next.'));
    });
    // the webhook: one signed delivery of request.awaiting-owner for this asset, its signature made with the secret shown once
    for (let waited = 0; !received.some((r) => r.body.includes(october)); waited += 500) {
      if (waited > 60_000) throw new Error(`no webhook delivery reached ${hookUrl}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    receiver.close();
    const delivery = received.find((r) => r.body.includes(october));
    const timestamp = String(delivery?.headers['x-gridledger-timestamp']);
    expect(delivery?.headers['x-gridledger-signature']).toBe(`v1=${createHmac('sha256', secret).update(`${timestamp}.${delivery?.body}`).digest('hex')}`);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ type: 'request.awaiting-owner', organisation: 'GridMSP', assetId: october });
    await as(admin('GridMSP'), async (page) => {
      await page.getByRole('link', { name: 'Users' }).click();
      await page.locator('li', { hasText: hookUrl }).getByRole('button', { name: 'Delivery log' }).click();
      await reloadUntilVisible(page, page.getByText('delivered', { exact: true }).first());
      await shot(page, '16-webhook-delivery-log');
    });
    await as(owner, async (page) => {
      // the bell counts what is unread, and lists the request live and after a reload
      await page.getByTestId('notification-bell').locator('.badge').waitFor();
      await page.getByTestId('notification-bell').click();
      const panel = page.getByRole('region', { name: 'Notifications' });
      await panel.getByText(/A new request on your asset .* waits for your decision/).first().waitFor();
      // readable: the panel's text is not drawn in the header's white on its own white
      const colours = await panel.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      expect(colours[0]).not.toBe(colours[1]);
      const markAll = panel.getByRole('button', { name: 'Mark all read' });
      expect(await markAll.evaluate((el) => getComputedStyle(el).color)).not.toBe(colours[1]);
      await shot(page, '17-notifications');
      await page.getByRole('link', { name: 'My assets & requests' }).click();
      const approve = page.locator('tr', { hasText: `${feed}, October` }).getByRole('button', { name: 'Approve' });
      await reloadUntilVisible(page, approve);
      await approve.click();
      await page.getByLabel('Reason').fill('monthly feed for the forecasting study');
      await page.getByLabel('Reason').press('Enter');
      await page.getByLabel('Reason').waitFor({ state: 'detached', timeout: 90_000 });
      await page.goto(`${endpoints.webUrl}/catalog/${october}`);
      await page.getByRole('link', { name: 'Publish the next version' }).click();
      await page.getByTestId('new-version-of').waitFor();
      expect(await page.getByLabel('Price (credits)').inputValue()).toBe('5');
      await page.getByLabel('Title').fill(`${feed}, November`);
      await shot(page, '13-new-version');
      const november = await uploadMonth(page, '11');
      await page.goto(`${endpoints.webUrl}/catalog/${november}`);
      expect(await page.getByTestId('asset-version').textContent()).toBe('version 2');
      await reloadUntilVisible(page, page.getByTestId('version-facts'));
      await page.getByRole('heading', { name: 'Versions of this data product' }).scrollIntoViewIfNeeded();
      await shot(page, '14-product-versions');
    });
    await as(consumer, async (page) => {
      await page.getByRole('link', { name: 'My requests & grants' }).click();
      await reloadUntilVisible(page, page.locator('tr', { hasText: `${feed}, November` }).getByText('delivered by your subscription'));
      await reloadUntilVisible(page, page.getByText('subscription: 2 of 3 versions received (5 credits each)'));
      await shot(page, '15-subscription-delivered');
    });
  }, 420_000);

  it('an admin watches the ops dashboard update live', async () => {
    await as(admin('RegulatorMSP'), async (page) => {
      await page.getByRole('link', { name: 'Ops dashboard' }).click();
      await page.getByTestId('ops-state').getByText('Live').waitFor({ timeout: 30_000 });
      const first = Number(await page.getByTestId('chain-height').textContent());
      expect(first).toBeGreaterThan(0);
      expect(await page.getByTestId('service-access-policy').textContent()).toContain('up');
      expect(await page.getByTestId('consumer-groups').textContent()).toContain('gridledger-storage-key-release-requests');
      // the story's transactions ran minutes before this screen was opened: the entry measured them then and kept them
      await expect.poll(async () => Number(await page.getByTestId('day-peak-tx').textContent()), { timeout: 70_000 }).toBeGreaterThan(0);
      await expect.poll(async () => Number(await page.getByTestId('day-peak-events').textContent()), { timeout: 70_000 }).toBeGreaterThan(0);
      // a few readings, so the charts have lines
      await page.waitForTimeout(7000);
      await shot(page, '11-ops');
    });
  });

  it('the grid company admin suspends the steward and reactivates them', async () => {
    await as(admin('GridMSP'), async (page) => {
      await page.getByRole('link', { name: 'Users' }).click();
      // the directory is paged: find the steward among however many users the organisation has
      await page.getByLabel('Search users').fill(owner.username);
      const row = page.locator(`tr[data-username="${owner.username}"]`);
      await row.getByRole('button', { name: 'Suspend' }).click();
      await page.getByLabel('Reason').fill('left the company');
      await page.getByLabel('Reason').press('Enter');
      await outcome(page, page.getByText(`${owner.username} was suspended.`));
      await row.getByRole('button', { name: 'Reactivate' }).click();
      await outcome(page, page.getByText(`${owner.username} was reactivated.`));
    });
  });

  it('works on a narrow screen, the navigation behind a menu button', async () => {
    await as(
      consumer,
      async (page) => {
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('link', { name: 'Catalog' }).click();
        await page.getByRole('heading', { name: 'Catalog' }).waitFor();
        await page.locator('table, .empty').first().waitFor();
        await shot(page, '12-catalog-narrow');
      },
      390,
    );
  });
});
