import { Module } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrapService } from './service-bootstrap.ts';

@Module({})
class NothingModule {}

afterEach(() => vi.restoreAllMocks());

describe('bootstrapService', () => {
  it('stops the boot on a bad setting with its sentence and exit code 1, before creating anything', async () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const module = vi.fn(() => ({ module: NothingModule }));
    const boot = bootstrapService({
      name: 'audit',
      loadConfig: () => {
        throw new Error('AUDIT_DATABASE_URL is missing: the audit database');
      },
      module,
      address: () => ({ port: 0, host: '127.0.0.1' }),
      openApi: { title: 'audit', description: 'audit' },
    });
    await expect(boot).rejects.toThrow('exit 1');
    expect(said).toHaveBeenCalledWith('AUDIT_DATABASE_URL is missing: the audit database');
    expect(module).not.toHaveBeenCalled();
  });
});
