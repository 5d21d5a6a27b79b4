/**
 * `npm run dev:db`: the local database `sst dev` connects to, in the foreground until Ctrl-C. A launcher,
 * like `npm start`'s: the database process runs in a process group of its own, so a terminal's Ctrl-C reaches
 * only this process, which asks it to stop its servers in order.
 */
import { devDbOptionsOrExit } from "./dev-db-options";
import { runInOwnProcessGroup } from "./own-process-group";
import { repoPath } from "./repo-paths";

// Read here first, so `--help` and a wrong command line are answered before anything starts.
devDbOptionsOrExit(process.argv.slice(2));
runInOwnProcessGroup(repoPath("tools/local-stack/src/dev-db-main.ts"), { args: process.argv.slice(2) });
