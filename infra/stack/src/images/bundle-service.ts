/**
 * Bundles one service the way the stack does (infra/stack/src/services/build-service.ts), for
 * the container images: `node infra/stack/src/images/bundle-service.ts <app>` writes dist/apps/<app>/main.mjs.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService } from '../services/build-service.ts';

const SERVICES = ['identity', 'ledger', 'storage', 'access-policy', 'audit', 'web-entry'];
const name = process.argv[2] ?? '';
if (!SERVICES.includes(name)) {
  console.error(`usage: node infra/stack/src/images/bundle-service.ts <${SERVICES.join('|')}>`);
  process.exit(2);
}
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
console.log(await bundleService(repo, name));
