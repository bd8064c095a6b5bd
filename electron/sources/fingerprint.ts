/**
 * Alertmanager's alert fingerprint: FNV-1a 64 over the sorted label names and values,
 * each followed by a 0xff separator byte (prometheus/common model.LabelSet.Fingerprint).
 * Computing it for Prometheus alerts lets the same alert from Prometheus and Alertmanager merge.
 */
const OFFSET_64 = 0xcbf29ce484222325n;
const PRIME_64 = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const SEPARATOR = 0xff;
const encoder = new TextEncoder();

export function labelsFingerprint(labels: Record<string, string>): string {
  let hash = OFFSET_64;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * PRIME_64) & MASK_64;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of encoder.encode(name)) add(byte);
    add(SEPARATOR);
    for (const byte of encoder.encode(labels[name]!)) add(byte);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}
