// Contoso ID keeps its sessions, codes and grants in memory on purpose: it lives as long as the
// demo server, and a restart simply asks the person to sign in again. (Given explicitly so that
// node-oidc-provider does not warn on every quick start about its own development adapter.)
import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

const stores = new Map<string, Map<string, Entry>>();

export class MemoryAdapter implements Adapter {
  private readonly entries: Map<string, Entry>;

  constructor(name: string) {
    this.entries = stores.get(name) ?? new Map();
    stores.set(name, this.entries);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    this.entries.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy((payload) => payload.userCode === userCode);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy((payload) => payload.uid === uid);
  }

  async consume(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, entry] of this.entries) if (entry.payload.grantId === grantId) this.entries.delete(id);
  }

  private async findBy(matches: (payload: AdapterPayload) => boolean): Promise<AdapterPayload | undefined> {
    for (const [id] of this.entries) {
      const payload = await this.find(id);
      if (payload && matches(payload)) return payload;
    }
    return undefined;
  }
}
