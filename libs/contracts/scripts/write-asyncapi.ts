/**
 * Regenerates libs/contracts/asyncapi.json from the contracts: `npx nx run contracts:asyncapi`.
 * A unit test fails when the committed file and the code disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asyncApiDocument } from '../src/asyncapi/asyncapi-document.ts';
import { ASYNCAPI_VERSION } from '../src/asyncapi/asyncapi-version.ts';

const out = fileURLToPath(new URL('../asyncapi.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(asyncApiDocument(ASYNCAPI_VERSION), null, 2)}\n`);
console.log(`wrote ${out}`);
