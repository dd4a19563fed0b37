/** The status as a word and a colour (the word carries it: colour alone is not enough to read). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {status}
    </span>
  );
}
