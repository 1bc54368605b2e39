import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt, stubApi } from '../../test-support.tsx';
import { UploadPage } from './upload-page.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('UploadPage', () => {
  it('names every field at fault and sends nothing', async () => {
    stubApi({ 'GET /api/identity/organizations': [{ mspId: 'ConsumerMSP', name: 'Research' }] });
    const send = vi.fn();
    vi.stubGlobal('XMLHttpRequest', vi.fn(() => ({ open: vi.fn(), send, setRequestHeader: vi.fn(), upload: {} })));
    renderAt(<UploadPage />);
    await userEvent.clear(screen.getByLabelText('Price (credits)'));
    await userEvent.type(screen.getByLabelText('Price (credits)'), 'ten');
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(screen.getByText('Give the file a title (up to 200 characters).')).toBeInTheDocument();
    expect(screen.getByText('The price is a whole number of credits, 0 or more.')).toBeInTheDocument();
    expect(screen.getByText('Choose a file to upload.')).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(send).not.toHaveBeenCalled();
  });

  it("starts a product's next version from the previous version's details", async () => {
    stubApi({
      'GET /api/identity/organizations': [{ mspId: 'ConsumerMSP', name: 'Research' }],
      'GET /api/ledger/assets/curve-11': {
        id: 'curve-11', title: 'Feeder 12, November', description: 'monthly', category: 'generation', sensitivity: 'sensitive', priceCredits: 40,
        policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['planning'], maxDurationSeconds: 86_400, maxDownloads: 3 },
        product: { id: 'curve-10', version: 2, previousAssetId: 'curve-10' },
      },
    });
    renderAt(<UploadPage />, '/upload?versionOf=curve-11');
    expect(await screen.findByTestId('new-version-of', {}, { timeout: 5000 })).toHaveTextContent('version 3 of “Feeder 12, November”');
    // the form is filled in the render after the previous version arrives
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Feeder 12, November'));
    expect(screen.getByLabelText('Price (credits)')).toHaveValue('40');
  });
});
