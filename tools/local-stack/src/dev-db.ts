/**
 * `npm run dev:db`: the local database `sst dev` connects to, in the foreground until Ctrl-C. A launcher,
 * like `npm start`'s: the database process runs in a process group of its own, so a terminal's Ctrl-C reaches
 * only this process, which asks it to stop its servers in order.
 */
import { runInOwnProcessGroup } from "./own-process-group";
import { repoPath } from "./repo-paths";

runInOwnProcessGroup(repoPath("tools/local-stack/src/dev-db-main.ts"), { args: process.argv.slice(2) });
