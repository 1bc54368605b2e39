/** A labelled progress bar; `value` null means the total is not known yet (indeterminate). */
export function ProgressBar({ label, value, max = 1 }: { label: string; value: number | null; max?: number }) {
  const percent = value === null ? null : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        {percent !== null && <span>{percent} %</span>}
      </div>
      <progress aria-label={label} value={value === null ? undefined : Math.min(value, max)} max={max} />
    </div>
  );
}
