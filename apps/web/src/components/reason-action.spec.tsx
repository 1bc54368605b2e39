import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { ReasonAction } from './reason-action.tsx';

describe('ReasonAction', () => {
  it('requires a reason, then submits it', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const onDone = vi.fn();
    render(<ReasonAction label="Approve" onSubmit={onSubmit} onDone={onDone} />);
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(screen.getByText('Give a reason: it is recorded on chain.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('Reason'), 'fits the research purpose{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('fits the research purpose');
    expect(onDone).toHaveBeenCalled();
  });

  it('shows the service refusal as a sentence and stays open', async () => {
    render(<ReasonAction label="Reject" onSubmit={() => Promise.reject(new ApiError(409, 'INVALID_STATE', 'the request is already decided'))} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await userEvent.type(screen.getByLabelText('Reason'), 'no{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('The request is already decided.');
    expect(screen.getByLabelText('Reason')).toBeInTheDocument();
  });
});
