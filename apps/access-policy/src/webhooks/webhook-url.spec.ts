import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, type Resolve } from './webhook-url.ts';

const strict = { allowLoopback: false, allowedCidrs: [] };
const dev = { allowLoopback: true, allowedCidrs: [] };
const dns = (answers: Record<string, string[]>): Resolve => async (host) => {
  const addresses = answers[host];
  if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const resolve = dns({ 'hooks.example.org': ['93.184.215.14'], 'rebind.example.org': ['93.184.215.14', '10.0.0.1'], 'metadata.example.org': ['169.254.169.254'], 'v6.example.org': ['fd00::1'], localhost: ['127.0.0.1', '::1'] });

describe('checkWebhookTarget', () => {
  it('returns the checked address to connect to', async () => {
    await expect(checkWebhookTarget('https://hooks.example.org/in', strict, resolve)).resolves.toMatchObject({ address: '93.184.215.14', family: 4 });
  });

  it('refuses plain HTTP, credentials and what is not a URL', async () => {
    await expect(checkWebhookTarget('http://hooks.example.org/in', strict, resolve)).rejects.toThrow('must use HTTPS');
    await expect(checkWebhookTarget('http://hooks.example.org/in', dev, resolve)).rejects.toThrow('must use HTTPS');
    await expect(checkWebhookTarget('ftp://hooks.example.org/in', dev, resolve)).rejects.toThrow('must use HTTPS');
    await expect(checkWebhookTarget('https://user:pw@hooks.example.org/in', strict, resolve)).rejects.toThrow('credentials');
    await expect(checkWebhookTarget('not a url', strict, resolve)).rejects.toThrow('is not a URL');
  });

  it('refuses literal private and metadata addresses', async () => {
    await expect(checkWebhookTarget('https://10.0.0.1/in', strict, resolve)).rejects.toThrow('private');
    await expect(checkWebhookTarget('https://169.254.169.254/latest/meta-data', strict, resolve)).rejects.toThrow('169.254.169.254');
    await expect(checkWebhookTarget('https://[::ffff:10.0.0.1]/in', strict, resolve)).rejects.toThrow('private');
    await expect(checkWebhookTarget('https://[fe80::1]/in', strict, resolve)).rejects.toThrow('private');
  });

  it('refuses a name when any address it resolves to is forbidden', async () => {
    await expect(checkWebhookTarget('https://rebind.example.org/in', strict, resolve)).rejects.toThrow('10.0.0.1');
    await expect(checkWebhookTarget('https://metadata.example.org/in', strict, resolve)).rejects.toThrow('169.254.169.254');
    await expect(checkWebhookTarget('https://v6.example.org/in', strict, resolve)).rejects.toThrow('fd00::1');
    await expect(checkWebhookTarget('https://nowhere.example.org/in', strict, resolve)).rejects.toThrow('does not resolve');
  });

  it('allows plain HTTP to loopback in the dev topology only', async () => {
    await expect(checkWebhookTarget('http://127.0.0.1:9000/in', dev, resolve)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(checkWebhookTarget('http://localhost:9000/in', dev, resolve)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(checkWebhookTarget('http://127.0.0.1:9000/in', strict, resolve)).rejects.toThrow('must use HTTPS');
    await expect(checkWebhookTarget('https://127.0.0.1:9000/in', strict, resolve)).rejects.toThrow('loopback');
  });
});
