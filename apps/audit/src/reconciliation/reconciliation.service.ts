import { randomUUID } from 'node:crypto';
import { HttpException, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AUDIT_TOPICS } from '@gridledger/contracts';
import { leasedInterval, writeOutboxEvent, type SingletonLease } from '@gridledger/messaging';
import { AUDIT_CONFIG, type AuditConfig } from '../config/audit-config.ts';
import { AuditDatabase } from '../database/audit-database.ts';
import { compareGrant, comparePin, compareRecord, filesNotOnChain, type Finding } from './compare.ts';
import { PlatformReaders } from './platform-readers.ts';
import type { ChainAsset } from './reconciliation-sources.ts';

export const EVENT_SOURCE = '/gridledger/audit';

export interface ReconciliationReport {
  runId: string;
  trigger: 'scheduled' | 'on-demand';
  /** null: the whole platform; otherwise only these assets (and their grants) */
  scope: string[] | null;
  startedAt: string;
  finishedAt: string;
  assetsChecked: number;
  grantsChecked: number;
  violations: Finding[];
  /** checks that could not be made (a collaborator refused or failed): not findings, but not silence either */
  errors: { assetId: string; message: string }[];
}

/**
 * Compares the chain (asset records, hashes, CIDs, grants) with the storage service's records,
 * with IPFS (pinned? do the bytes hash to the chain's value?) and with the access-policy read
 * model. Every disagreement becomes an integrity-violation event; the run is kept as a report.
 */
@Injectable()
export class ReconciliationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reconciliation');
  private readonly readers: PlatformReaders;
  /** the schedule runs in one replica at a time */
  private schedule: SingletonLease | undefined;
  private running: Promise<ReconciliationReport> | undefined;

  constructor(
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    private readonly database: AuditDatabase,
  ) {
    this.readers = new PlatformReaders({ ledgerUrl: config.AUDIT_LEDGER_URL, storageUrl: config.AUDIT_STORAGE_URL, accessPolicyUrl: config.AUDIT_ACCESS_POLICY_URL, credential: config.auth.credential });
  }

  onApplicationBootstrap(): void {
    if (this.config.AUDIT_RECONCILE_INTERVAL_MS === 0) return;
    this.schedule = leasedInterval({
      connectionString: this.config.AUDIT_DATABASE_URL,
      name: 'audit-reconciliation',
      intervalMs: this.config.AUDIT_RECONCILE_INTERVAL_MS,
      round: () => this.run('scheduled'),
      onError: (error) => this.logger.warn(`scheduled reconciliation failed: ${error.message}`),
      logger: this.logger,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.schedule?.stop();
    await this.running?.catch(() => undefined);
  }

  /** One run at a time: a run asked for while another is going waits for its own turn. */
  async run(trigger: ReconciliationReport['trigger'], scope: string[] | null = null): Promise<ReconciliationReport> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.reconcile(trigger, scope);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async report(runId: string): Promise<ReconciliationReport | null> {
    const { rows } = await this.database.pool.query<{ report: ReconciliationReport }>('select report from reconciliation_runs where run_id = $1', [runId]);
    return rows[0]?.report ?? null;
  }

  async recent(limit: number): Promise<Omit<ReconciliationReport, 'violations'>[]> {
    const { rows } = await this.database.pool.query<{ report: ReconciliationReport }>('select report from reconciliation_runs order by started_at desc limit $1', [limit]);
    return rows.map(({ report: { violations, ...summary } }) => ({ ...summary, violationCount: violations.length }));
  }

  private async reconcile(trigger: ReconciliationReport['trigger'], scope: string[] | null): Promise<ReconciliationReport> {
    const runId = randomUUID();
    const startedAt = new Date().toISOString();
    const chain: ChainAsset[] = [];
    if (scope) {
      for (const id of scope) {
        const asset = await this.readers.chainAsset(id);
        if (asset) chain.push(asset);
      }
    } else {
      for await (const asset of this.readers.chainAssets()) chain.push(asset);
    }
    const files = (await this.readers.storedFiles()).filter((file) => !scope || scope.includes(file.assetId));
    const fileById = new Map(files.map((file) => [file.assetId, file]));
    // an asset neither the chain nor storage knows is a wrong id, not a clean bill: nothing is run or kept
    const unknown = (scope ?? []).filter((id) => !fileById.has(id) && !chain.some((asset) => asset.id === id));
    if (unknown.length > 0) throw new HttpException({ statusCode: 404, code: 'NOT_FOUND', message: `neither the chain nor storage knows asset ${unknown.join(', ')}` }, 404);
    const violations: Finding[] = [];
    const errors: ReconciliationReport['errors'] = [];
    // one asset that cannot be checked does not stop the others
    const check = async (assetId: string, work: () => Promise<Finding[]>) => {
      try {
        violations.push(...(await work()));
      } catch (error) {
        errors.push({ assetId, message: (error as Error).message });
      }
    };
    for (const asset of chain) {
      violations.push(...compareRecord(asset, fileById.get(asset.id)));
      await check(asset.id, async () => comparePin(asset, await this.readers.pinCheck(asset.cid)));
    }
    if (!scope) violations.push(...filesNotOnChain(files, new Set(chain.map((asset) => asset.id))));
    const grants = (await this.readers.grants()).filter((grant) => !scope || scope.includes(grant.assetId));
    for (const grant of grants) await check(grant.assetId, async () => compareGrant(grant, await this.readers.chainRequest(grant.requestId, grant.consumerUid)));

    const report: ReconciliationReport = { runId, trigger, scope, startedAt, finishedAt: new Date().toISOString(), assetsChecked: chain.length, grantsChecked: grants.length, violations, errors };
    await this.database.transaction(async (tx) => {
      await tx.query('insert into reconciliation_runs (run_id, trigger, started_at, finished_at, violations, report) values ($1, $2, $3, $4, $5, $6)', [runId, trigger, startedAt, report.finishedAt, violations.length, JSON.stringify(report)]);
      for (const finding of violations) await writeOutboxEvent(tx, EVENT_SOURCE, AUDIT_TOPICS.integrityViolation, finding.assetId, { runId, ...finding });
      await writeOutboxEvent(tx, EVENT_SOURCE, AUDIT_TOPICS.reconciliationCompleted, runId, { runId, trigger, startedAt, finishedAt: report.finishedAt, assetsChecked: report.assetsChecked, grantsChecked: report.grantsChecked, violations: violations.length });
    });
    const line = `reconciliation ${runId} (${trigger}): ${report.assetsChecked} assets, ${report.grantsChecked} grants, ${violations.length} violation(s), ${errors.length} check(s) not made`;
    if (violations.length || errors.length) this.logger.warn(line);
    else this.logger.log(line);
    return report;
  }
}
