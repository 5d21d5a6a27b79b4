import { type ServiceName, serviceRoles } from "@orders/settings";
import { describe, expect, it } from "vitest";
import { type MigrationPlan, migrateDatabase, servicesWithPasswords } from "./migrate-database";
import type { MigrationDatabase, SecretStore } from "./ports";
import { MalformedSecretError, WrongSecretUserError } from "./secret-errors";

const plan: MigrationPlan = {
  masterSecretId: "master",
  serviceSecretIds: { api: "s-api", worker: "s-worker", reporting: "s-reporting", reportingHttp: "s-http" },
  seedDemoCatalogue: false,
};

function secrets(overrides: Record<string, unknown> = {}): SecretStore {
  const values: Record<string, unknown> = {
    master: { username: "owner", password: "owner-pass" },
    ...Object.fromEntries(
      servicesWithPasswords.map((service) => [
        plan.serviceSecretIds[service],
        { username: serviceRoles[service], password: `${service}-pass` },
      ]),
    ),
    ...overrides,
  };
  return {
    async read(id) {
      const value = values[id];
      return typeof value === "string" ? value : JSON.stringify(value);
    },
  };
}

/** A database port that records each step it is asked for, with `applied` migrations before the run. */
function recordingDatabase(applied = 0, pending = 3) {
  const steps: string[] = [];
  let recorded = applied;
  const database: MigrationDatabase = {
    async open(master) {
      steps.push(`open as ${master.username}/${master.password}`);
      return {
        appliedMigrations: async () => recorded,
        applyPendingMigrations: async () => {
          steps.push("migrate");
          recorded = applied + pending;
        },
        setServiceRolePassword: async (service: ServiceName, password: string) => {
          steps.push(`password ${service}=${password}`);
        },
        seedDemoCatalogue: async () => {
          steps.push("seed");
          return 12;
        },
        close: async () => {
          steps.push("close");
        },
      };
    },
  };
  return { database, steps };
}

describe("migrateDatabase", () => {
  it("opens as the master, migrates, then sets every service role's password, then closes", async () => {
    const { database, steps } = recordingDatabase(2, 3);
    const result = await migrateDatabase(plan, { secrets: secrets(), database });
    expect(steps).toEqual([
      "open as owner/owner-pass",
      "migrate",
      ...servicesWithPasswords.map((service) => `password ${service}=${service}-pass`),
      "close",
    ]);
    expect(result).toEqual({ applied: 3, total: 5, roles: Object.values(serviceRoles), seeded: 0 });
  });

  it("gives a password to every role RDS Proxy logs in as", () => {
    expect([...servicesWithPasswords].sort()).toEqual(Object.keys(serviceRoles).sort());
  });

  it("seeds after the passwords, only when the plan asks", async () => {
    const { database, steps } = recordingDatabase();
    const result = await migrateDatabase(
      { ...plan, seedDemoCatalogue: true },
      { secrets: secrets(), database },
    );
    expect(steps.slice(-2)).toEqual(["seed", "close"]);
    expect(result.seeded).toBe(12);
  });

  it("opens nothing when a service secret is for another role", async () => {
    const { database, steps } = recordingDatabase();
    const wrong = secrets({ "s-worker": { username: serviceRoles.api, password: "x" } });
    const run = migrateDatabase(plan, { secrets: wrong, database });
    await expect(run).rejects.toThrow(WrongSecretUserError);
    await expect(run).rejects.toThrow(`the worker secret is for user "${serviceRoles.api}"`);
    expect(steps).toEqual([]);
  });

  it.each([
    ["not JSON", "{", /master secret is not JSON/],
    ["without a password", { username: "owner" }, /master secret must be a JSON object/],
    ["with an empty user", { username: "", password: "p" }, /master secret must be a JSON object/],
  ])("opens nothing when the master secret is %s", async (_case, value, message) => {
    const { database, steps } = recordingDatabase();
    const run = migrateDatabase(plan, { secrets: secrets({ master: value }), database });
    await expect(run).rejects.toThrow(MalformedSecretError);
    await expect(run).rejects.toThrow(message);
    expect(steps).toEqual([]);
  });

  it("closes the session when a step fails", async () => {
    const { database, steps } = recordingDatabase();
    const failing: MigrationDatabase = {
      async open(master) {
        const session = await database.open(master);
        return {
          ...session,
          applyPendingMigrations: async () => {
            throw new Error("migration 0003 failed");
          },
        };
      },
    };
    await expect(migrateDatabase(plan, { secrets: secrets(), database: failing })).rejects.toThrow(
      "migration 0003 failed",
    );
    expect(steps).toEqual(["open as owner/owner-pass", "close"]);
  });
});
