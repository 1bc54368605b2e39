import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { busyLineage } from './lineage-fixtures.ts';
import { LineageGraph } from './lineage-views.tsx';

const title = `Feeder 12 load curve, ${'every fifteen minutes, '.repeat(6)}November 2026`;

describe('LineageGraph', () => {
  it.each([
    [1280, 'wide'],
    [358, 'narrow'],
  ])('at %i px is laid out %s and scales with its container instead of a fixed size', (width, orientation) => {
    render(<LineageGraph assetId="a1" title={title} entries={busyLineage()} width={width} />);
    const graph = screen.getByRole('img', { name: 'Lineage graph: who did what to this asset' });
    expect(graph).toHaveAttribute('data-orientation', orientation);
    expect(graph).toHaveAttribute('width', '100%');
    expect(graph).not.toHaveAttribute('height');
    const [, , drawingWidth] = (graph.getAttribute('viewBox') ?? '').split(' ').map(Number);
    expect(drawingWidth).toBeLessThanOrEqual(width);
    expect(graph.style.maxWidth).toBe(`${drawingWidth}px`);
  });

  it('keeps the whole title and every signer id as tooltips, and names the actions in words', () => {
    const { container } = render(<LineageGraph assetId="a1" title={title} entries={busyLineage()} width={358} />);
    const tooltips = [...container.querySelectorAll('title')].map((t) => t.textContent);
    expect(tooltips).toContain(title);
    expect(tooltips).toContain('owner-0000-0001 (owner)');
    expect(screen.getAllByText('request 11111111: access granted')).not.toHaveLength(0);
    expect(screen.getByText('Signer, with what they did')).toBeInTheDocument();
  });
});
