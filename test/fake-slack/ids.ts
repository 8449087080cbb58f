import { randomBytes } from 'node:crypto';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letters(n: number, width: number): string {
  let out = '';
  let rest = n;
  for (let i = 0; i < width; i += 1) {
    out = (LETTERS[rest % 26] ?? 'A') + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}

/** Mints Slack-shaped ids: deterministic where tests may want to read them, random where Slack's are opaque. */
export class IdMint {
  private counters = new Map<string, number>();
  private lastSecond = 0;
  private micro = 0;

  /** `C0001AAB`-style ids: prefix, 4-digit counter, 3 letters. */
  conversationId(prefix: 'C' | 'G' | 'D' | 'V'): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${String(n).padStart(4, '0')}${letters(n, 3)}`;
  }

  /** Message timestamps: wall-clock seconds + 6-digit counter, strictly increasing even if the clock stands still. */
  ts(nowMs: number): string {
    const second = Math.floor(nowMs / 1000);
    if (second > this.lastSecond) {
      this.lastSecond = second;
      this.micro = 0;
    }
    this.micro += 100;
    if (this.micro > 999_999) {
      this.lastSecond += 1;
      this.micro = 100;
    }
    return `${this.lastSecond}.${String(this.micro).padStart(6, '0')}`;
  }

  /** Slack's generated block ids are short opaque strings. */
  blockId(): string {
    const n = (this.counters.get('block') ?? 0) + 1;
    this.counters.set('block', n);
    return `b${n.toString(36)}${randomBytes(2).toString('hex')}`;
  }

  triggerId(): string {
    const n = (this.counters.get('trigger') ?? 0) + 1;
    this.counters.set('trigger', n);
    return `${n}.${Date.now()}.${randomBytes(16).toString('hex')}`;
  }

  viewHash(nowMs: number): string {
    return `${Math.floor(nowMs / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  opaque(): string {
    return randomBytes(12).toString('hex');
  }
}

/** Compares Slack ts strings exactly (a double cannot hold 16 significant digits safely). */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const bySecond = Number(as) - Number(bs);
  if (bySecond !== 0) return Math.sign(bySecond);
  const fa = af.padEnd(6, '0');
  const fb = bf.padEnd(6, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
