/** argon2id hashing with configurable cost, plus a decoy verification so unknown users take as long as known ones. */
import { hash, verify } from "@node-rs/argon2";

/** Algorithm.Argon2id; the enum is ambient-const and cannot be imported under verbatimModuleSyntax. */
const ARGON2ID = 2;

export interface Argon2Params {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

export class PasswordHasher {
  private decoyHash: Promise<string> | undefined;

  constructor(private readonly params: Argon2Params) {}

  hash(password: string): Promise<string> {
    return hash(password, {
      algorithm: ARGON2ID,
      memoryCost: this.params.memoryKib,
      timeCost: this.params.timeCost,
      parallelism: this.params.parallelism,
    });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    if (!passwordHash) return false;
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real verification, for accounts that do not exist. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoyHash ??= this.hash("nexus-decoy-password");
    await this.verify(await this.decoyHash, password);
    return false;
  }
}
