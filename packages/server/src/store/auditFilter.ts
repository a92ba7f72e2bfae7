/**
 * How an audit `action` filter is matched, the same on every backend: an
 * action with a dot is matched exactly (`queue.grant`); one without is a
 * command group (`queue` matches `queue.grant`, `queue.timer`, …) and becomes
 * a LIKE pattern with its wildcards escaped (backslash is the escape).
 */
export function auditActionFilter(action: string): { exact: boolean; value: string } {
  if (action.includes('.')) return { exact: true, value: action };
  return { exact: false, value: `${action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%` };
}
