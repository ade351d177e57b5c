// Disjoint sets over account indices, with each set's merge-protection counters kept at its root.

export interface SetState {
  size: number;
  platforms: Map<string, number>;
  emails: Set<string>;
  phones: Set<string>;
}

export class ProtectedUnionFind {
  private readonly parent: Int32Array;
  readonly state: (SetState | undefined)[];

  constructor(init: readonly SetState[]) {
    this.parent = Int32Array.from(init.keys());
    this.state = [...init];
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Would the union of the sets of a and b break a limit? (the union itself is not made) */
  violates(a: number, b: number, limits: { accountsPerPlatform: number; emails: number; phones: number }): string | null {
    const sa = this.state[this.find(a)]!;
    const sb = this.state[this.find(b)]!;
    for (const [p, n] of sb.platforms) if ((sa.platforms.get(p) ?? 0) + n > limits.accountsPerPlatform) return `more than ${limits.accountsPerPlatform} ${p} account(s)`;
    if (unionSize(sa.emails, sb.emails) > limits.emails) return `more than ${limits.emails} e-mails`;
    if (unionSize(sa.phones, sb.phones) > limits.phones) return `more than ${limits.phones} phones`;
    return null;
  }

  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.state[ra]!.size < this.state[rb]!.size) [ra, rb] = [rb, ra];
    const sa = this.state[ra]!;
    const sb = this.state[rb]!;
    sa.size += sb.size;
    for (const [p, n] of sb.platforms) sa.platforms.set(p, (sa.platforms.get(p) ?? 0) + n);
    for (const e of sb.emails) sa.emails.add(e);
    for (const p of sb.phones) sa.phones.add(p);
    this.parent[rb] = ra;
    this.state[rb] = undefined;
    return ra;
  }
}

function unionSize(a: Set<string>, b: Set<string>): number {
  let n = a.size;
  for (const x of b) if (!a.has(x)) n++;
  return n;
}
