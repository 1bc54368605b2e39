import { randomBytes } from 'node:crypto';
import { KAFKA_ADMIN_PRINCIPAL, KAFKA_BROKER_PRINCIPAL, KAFKA_SERVICE_PRINCIPALS, kafkaBrokers, stackCaFiles } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { outsideGroupPrefix, outsideReaderAcls, PRINCIPAL_NAME } from '../kafka/kafka-access.ts';
import { applyAcls, removeAcls } from '../kafka/kafka-acls.ts';
import { ensureKafkaCredentials, saveKafkaCredentials } from '../kafka/kafka-credentials.ts';
import { deleteScramUser, upsertScramUser } from '../kafka/kafka-scram-users.ts';
import { StackError } from '../terminal/stack-error.ts';

const RESERVED = new Set<string>([KAFKA_ADMIN_PRINCIPAL, KAFKA_BROKER_PRINCIPAL, ...KAFKA_SERVICE_PRINCIPALS]);

export const KAFKA_USER_USAGE = `npm run stack -- kafka-user <add|list|remove>

  add <name> [--topics <pattern>]   a read-only principal for an outside consumer: it may read the public
                                    topics (all, or those matching the pattern, * as a wildcard) with
                                    consumer groups named <name>.…, and produce nothing
  list                              the outside principals and what they may read
  remove <name>                     delete the principal and its ACLs`;

/** `kafka-user add|list|remove`: read-only principals for grid operators' own consumers. */
export async function kafkaUser(config: StackConfig, args: string[]): Promise<void> {
  const [action, name, ...rest] = args;
  const credentials = ensureKafkaCredentials(config);
  switch (action) {
    case 'add': {
      if (!name || !PRINCIPAL_NAME.test(name)) throw new StackError('Name the principal: 2–48 characters, lower-case letters, digits, "-" or "_", starting with a letter.', KAFKA_USER_USAGE);
      if (RESERVED.has(name)) throw new StackError(`"${name}" is one of the platform's own principals; choose another name.`);
      const topicsAt = rest.indexOf('--topics');
      const pattern = topicsAt >= 0 ? rest[topicsAt + 1] : '*';
      if (!pattern) throw new StackError('--topics needs a pattern, e.g. --topics "gridledger.chain.*".');
      const { topics, acls } = outsideReaderAcls(name, pattern);
      if (topics.length === 0) throw new StackError(`No public topic matches "${pattern}"; the topics are listed in libs/contracts/asyncapi.json.`);
      const password = credentials.readers[name]?.password ?? randomBytes(24).toString('base64url');
      await upsertScramUser(config, name, password);
      await applyAcls(config, name, acls);
      credentials.readers[name] = { password, topics: pattern, created: credentials.readers[name]?.created ?? new Date().toISOString() };
      saveKafkaCredentials(config, credentials);
      console.log(
        [
          `✔ ${name} may read ${topics.length} topic${topics.length === 1 ? '' : 's'} and use consumer groups ${outsideGroupPrefix(name)}*; it can produce nothing.`,
          '',
          `  bootstrap servers   ${kafkaBrokers(config).join(',')}`,
          '  security            SASL_SSL, mechanism SCRAM-SHA-512',
          `  username            ${name}`,
          `  password            ${password}`,
          `  CA certificate      ${stackCaFiles(config).caCert}`,
          `  consumer group      ${outsideGroupPrefix(name)}<anything>`,
          '',
          `  The password is also kept in the stack's credentials file (mode 0600); \`kafka-user remove ${name}\` revokes it.`,
        ].join('\n'),
      );
      return;
    }
    case 'list': {
      const readers = Object.entries(credentials.readers);
      if (readers.length === 0) return console.log('No outside principals. Add one with: npm run stack -- kafka-user add <name> [--topics <pattern>]');
      const rows = readers.map(([reader, r]) => [reader, r.topics, String(outsideReaderAcls(reader, r.topics).topics.length), `${outsideGroupPrefix(reader)}*`, r.created]);
      const header = ['principal', 'topics', 'count', 'groups', 'created'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
      for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
      return;
    }
    case 'remove': {
      if (!name || !credentials.readers[name]) throw new StackError(`There is no outside principal "${name ?? ''}"; \`kafka-user list\` shows them.`);
      await removeAcls(config, name);
      await deleteScramUser(config, name);
      delete credentials.readers[name];
      saveKafkaCredentials(config, credentials);
      console.log(`✔ ${name} removed: its password no longer authenticates and its ACLs are gone.`);
      return;
    }
    default:
      throw new StackError(`Unknown kafka-user action "${action ?? ''}".`, KAFKA_USER_USAGE);
  }
}
