import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { platformPaths } from "./platform";
import { synthesizeStage } from "./synthesize";

// An SST program whose resource waits on an output callback that throws: under Pulumi the throw surfaces
// only as an unhandled rejection, and the resource never registers.
const program = `
export default $config({
  app() {
    return { name: "failing", home: "aws" };
  },
  async run() {
    const name = $output("orders").apply((value) => {
      throw new Error(\`planted failure for \${value}\`);
    });
    new aws.sqs.Queue("Planted", { name });
  },
});
`;

const dir = mkdtempSync(join(tmpdir(), "synth-failing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("synthesizeStage", () => {
  it("fails, naming the error, when an output callback throws", async () => {
    const config = join(dir, "sst.config.ts");
    writeFileSync(config, program);
    await expect(synthesizeStage({ stage: "alice", paths: { ...platformPaths(), config } })).rejects.toThrow(
      /building stage alice failed inside an output callback: planted failure for orders/,
    );
  }, 60_000);
});
