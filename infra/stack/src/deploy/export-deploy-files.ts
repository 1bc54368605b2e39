/**
 * Writes the Kafka ACL and topic files of the Helm chart and the compose stack from the stack's
 * table, or with `--check` only says whether they are current (exit 1 if not), for CI:
 *   node --import ./infra/stack/src/runtime/workspace-paths.ts infra/stack/src/deploy/export-deploy-files.ts [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeAcls, composeTopics, helmKafkaAccess } from './kafka-deploy-files.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const files: Record<string, string> = {
  'infra/helm/gridledger/files/kafka-access.json': helmKafkaAccess(),
  'infra/compose/kafka/acls.txt': composeAcls(),
  'infra/compose/kafka/topics.txt': composeTopics(),
};
const check = process.argv.includes('--check');
const stale = Object.entries(files).filter(([path, text]) => !existsSync(resolve(repo, path)) || readFileSync(resolve(repo, path), 'utf8') !== text);
if (check) {
  for (const [path] of stale) console.error(`${path} is out of date with infra/stack/src/kafka/kafka-access.ts: run npm run deploy:export`);
  process.exit(stale.length ? 1 : 0);
}
for (const [path, text] of stale) {
  writeFileSync(resolve(repo, path), text);
  console.log(`wrote ${path}`);
}
