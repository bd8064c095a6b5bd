/** Labels or annotations as plain text; values are never interpreted as HTML or links. */
export function KeyValueTable({ caption, entries, testId }: { caption: string; entries: Record<string, string>; testId: string }) {
  const sorted = Object.entries(entries).sort(([a], [b]) => a.localeCompare(b));
  return (
    <table className="kv-table" data-testid={testId}>
      <caption>{caption}</caption>
      <tbody>
        {sorted.length === 0 ? (
          <tr>
            <td className="kv-empty">none</td>
          </tr>
        ) : (
          sorted.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{value}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
