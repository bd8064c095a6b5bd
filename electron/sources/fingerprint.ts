/**
 * Alertmanager's alert fingerprint: FNV-1a 64 over the sorted label names and values,
 * each followed by a 0xff separator byte (prometheus/common model.LabelSet.Fingerprint).
 * Computing it for Prometheus alerts lets the same alert from Prometheus and Alertmanager merge.
 *
 * The 64-bit arithmetic runs on two 32-bit halves: BigInt was ~50× slower on 10,000 alerts.
 */
const SEPARATOR = 0xff;
const TWO_TO_32 = 4294967296;
const encoder = new TextEncoder();

export function labelsFingerprint(labels: Record<string, string>): string {
  // FNV-1a 64 offset basis 0xcbf29ce484222325.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const add = (byte: number) => {
    lo = (lo ^ byte) >>> 0;
    // Multiply by the FNV prime 2^40 + 0x1b3: (hi·2^32 + lo)·0x1b3 + lo·2^40, modulo 2^64.
    const low = lo * 0x1b3;
    const carry = Math.floor(low / TWO_TO_32);
    hi = (hi * 0x1b3 + carry + (lo & 0xffffff) * 256) >>> 0;
    lo = low >>> 0;
  };
  const addText = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        // Rare: hash the UTF-8 bytes of the rest of the string.
        for (const byte of encoder.encode(text.slice(i))) add(byte);
        return;
      }
      add(code);
    }
  };
  for (const name of Object.keys(labels).sort()) {
    addText(name);
    add(SEPARATOR);
    addText(labels[name]!);
    add(SEPARATOR);
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
