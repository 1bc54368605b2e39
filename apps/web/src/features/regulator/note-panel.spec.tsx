import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../test-support.tsx';
import { LineageTimeline } from '../catalog/lineage-views.tsx';
import { NotePanel } from './note-panel.tsx';

afterEach(() => vi.unstubAllGlobals());

const analyst = { id: 'c0000000-0000-4000-8000-000000000007', username: 'chen', displayName: 'Chen Jie', email: 'chen@research.example', mspId: 'ConsumerMSP', organizationName: 'Research and energy services', role: 'consumer', status: 'active', createdAt: '2026-12-01T00:00:00Z' };

describe('regulator notes', () => {
  it('writes a note on an asset by its id, and says it is on chain', async () => {
    const calls = stubApi({ 'POST /api/access/supervision/notes': () => [201, { noteId: 'n-1', txId: 'tx-1' }] });
    render(<NotePanel />);
    const add = screen.getByRole('button', { name: 'Add note' });
    expect(add).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Asset id'), 'asset-42');
    await userEvent.type(screen.getByLabelText(/^Note/), 'Hashes checked after the tampering report.');
    await userEvent.click(add);
    expect(await screen.findByText('Done: recorded on chain.')).toBeInTheDocument();
    expect(calls.at(-1)).toEqual({ method: 'POST', path: '/api/access/supervision/notes', body: { subjectType: 'asset', subjectId: 'asset-42', text: 'Hashes checked after the tampering report.' } });
  });

  it('picks a user from the directory for a note on a user', async () => {
    const calls = stubApi({
      'GET /api/identity/users': { users: [analyst], total: 1, limit: 8, offset: 0 },
      'POST /api/access/supervision/notes': () => [201, { noteId: 'n-2', txId: 'tx-2' }],
    });
    render(<NotePanel />);
    await userEvent.selectOptions(screen.getByLabelText('About'), 'user');
    await userEvent.type(screen.getByLabelText('Find a user (name, username or e-mail)'), 'chen');
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Chen Jie' }));
    await userEvent.type(screen.getByLabelText(/^Note/), 'Credential misuse reported.');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await screen.findByText('Done: recorded on chain.');
    expect(calls.at(-1)?.body).toEqual({ subjectType: 'user', subjectId: analyst.id, text: 'Credential misuse reported.' });
  });

  it("shows the service's refusal, and the note stays to be sent again", async () => {
    stubApi({ 'POST /api/access/supervision/notes': () => [403, { statusCode: 403, code: 'FORBIDDEN', message: 'only regulators write notes' }] });
    render(<NotePanel />);
    await userEvent.type(screen.getByLabelText('Asset id'), 'asset-42');
    await userEvent.type(screen.getByLabelText(/^Note/), 'a note');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Note/)).toHaveValue('a note');
  });

  it("shows a note's text in the asset's lineage", () => {
    const signer = { mspId: 'RegulatorMSP', role: 'regulator', uid: 'r-1' };
    render(
      <LineageTimeline
        entries={[
          { action: 'AssetRegistered', assetId: 'a', requestId: null, signer, timestamp: '2026-12-01T00:00:00Z', txId: 'tx-a', data: {} },
          { action: 'RegulatorNoteAdded', assetId: 'a', requestId: null, signer, timestamp: '2026-12-02T00:00:00Z', txId: 'tx-b', data: { text: 'Reviewed; hashes match.' } },
        ]}
      />,
    );
    expect(screen.getByText('Reviewed; hashes match.')).toBeInTheDocument();
    expect(screen.getByText('regulator note')).toBeInTheDocument();
  });
});
