import { describe, expect, it } from 'vitest';
import { setPath } from './node-config.ts';

describe('setPath', () => {
  it('overrides a nested key and keeps its siblings', () => {
    const doc: Record<string, unknown> = { peer: { id: 'jdoe', tls: { enabled: false, cert: { file: 'a' } } } };
    setPath(doc, 'peer.tls.enabled', true);
    expect(doc).toEqual({ peer: { id: 'jdoe', tls: { enabled: true, cert: { file: 'a' } } } });
  });

  it('creates missing maps and replaces scalars in the way', () => {
    const doc: Record<string, unknown> = { vm: 'docker' };
    setPath(doc, 'vm.endpoint', '');
    setPath(doc, 'operations.tls.enabled', false);
    expect(doc).toEqual({ vm: { endpoint: '' }, operations: { tls: { enabled: false } } });
  });
});
