/**
 * `npm start`: the whole platform on this machine, no AWS account, no Docker. Ctrl-C stops the services, the
 * emulator and PostgreSQL (and removes PostgreSQL's temporary data directory).
 *
 * A launcher: the stack runs in a child process with a process group of its own. Ctrl-C in a terminal
 * signals the whole foreground group, and embedded PostgreSQL is a plain child of the stack: it would get
 * the signal too and shut down before the worker had finished its batches. Here only this launcher gets
 * it, and asks the stack to stop in order (services, then the emulator, then PostgreSQL).
 */
import { runInOwnProcessGroup } from "./own-process-group";
import { repoPath } from "./repo-paths";

runInOwnProcessGroup(repoPath("tools/local-stack/src/stack-main.ts"), {
  stillStopping: "still stopping: services get up to 10 s to finish their work...",
});
