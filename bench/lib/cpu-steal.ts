import { readFileSync } from 'node:fs';

/**
 * Share of the machine's CPU time the hypervisor gave to other guests ("steal" in /proc/stat)
 * between start and `stop()`, in percent. On a shared VM this is what makes the same benchmark
 * take half as long again at another hour: the table shows it next to each suite.
 * Null where /proc/stat does not exist (not Linux).
 */
export function measureCpuSteal(): { stop(): number | null } {
  const start = cpuTimes();
  return {
    stop() {
      const end = cpuTimes();
      if (!start || !end) return null;
      const total = end.total - start.total;
      return total > 0 ? (100 * (end.steal - start.steal)) / total : 0;
    },
  };
}

function cpuTimes(): { total: number; steal: number } | null {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": guest time is already in user.
  const fields = text.split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}
