import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** A user of the local provider: its subject (also the sign-in name), password and staff membership. */
export interface LocalAccount {
  subject: string;
  password: string;
  staff: boolean;
}

/**
 * The local provider's users, kept in a JSON file (mode 0600) so the token command, a separate process,
 * can add a user the running provider then signs in. Read on every use: no restart after a change.
 */
export class LocalAccounts {
  /** Changes made by this process, one after another (a read-modify-write must not interleave). */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Every account (none when the file does not exist yet). */
  async list(): Promise<LocalAccount[]> {
    try {
      return JSON.parse(await readFile(this.file, "utf8")) as LocalAccount[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  async find(subject: string): Promise<LocalAccount | undefined> {
    return (await this.list()).find((a) => a.subject === subject);
  }

  /**
   * The account of `subject` with the given staff membership, created with a random password when missing
   * (an existing account keeps its password; its membership is set as asked).
   */
  ensure(subject: string, staff: boolean): Promise<LocalAccount> {
    const change = this.writing.then(() => this.ensureNow(subject, staff));
    this.writing = change.catch(() => undefined);
    return change;
  }

  private async ensureNow(subject: string, staff: boolean): Promise<LocalAccount> {
    const accounts = await this.list();
    let account = accounts.find((a) => a.subject === subject);
    if (!account) {
      account = { subject, password: randomBytes(12).toString("base64url"), staff };
      accounts.push(account);
    }
    account.staff = staff;
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    // Write then rename: the provider never reads a half-written file.
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temporary, JSON.stringify(accounts, null, 2), { mode: 0o600 });
    await rename(temporary, this.file);
    return account;
  }

  /** The account whose name and password match, or undefined (compared in constant time). */
  async authenticate(subject: string, password: string): Promise<LocalAccount | undefined> {
    const account = await this.find(subject);
    if (!account) return undefined;
    const given = Buffer.from(password);
    const expected = Buffer.from(account.password);
    return given.length === expected.length && timingSafeEqual(given, expected) ? account : undefined;
  }
}
