import type { ReactNode } from 'react';

/**
 * A table of `items` named by the heading `labelledBy`, one header cell per
 * column and one `row` (a `<tr>` with its key) per item; `empty` in its place
 * when there are none.
 */
export function ListTable<T>({
  labelledBy,
  columns,
  items,
  empty,
  row,
}: {
  labelledBy: string;
  columns: readonly string[];
  items: readonly T[];
  empty: string;
  row: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{items.map(row)}</tbody>
    </table>
  );
}
