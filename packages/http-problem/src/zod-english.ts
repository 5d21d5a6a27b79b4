import { en } from "zod/locales";
import { config } from "zod/mini";

/*
 * zod/mini registers no error messages by itself; this registers zod's English ones, so a field error reads
 * exactly as classic zod would write it ("Too small: expected number to be >=1"). validation.ts imports
 * this module, so every HTTP service that validates through `validate` or `jsonBody` words its problems in
 * English without remembering an import of its own. (@orders/contracts registers the same locale for the
 * schemas it exports, which the order worker parses outside HTTP; the setting is zod's one global config,
 * so registering it twice changes nothing.)
 */
config(en());
