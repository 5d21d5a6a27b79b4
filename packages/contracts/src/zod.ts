import { en } from "zod/locales";
import { config } from "zod/mini";

/*
 * The contracts are written with zod's tree-shakable `zod/mini` API: the same zod 4 package, parser and
 * issues as classic zod, without its ~450 KiB method-chaining layer in every Lambda bundle that validates.
 * Unlike classic zod, mini registers no error messages by default; English is registered here (the core
 * config is shared, so classic zod elsewhere in a process sees the same locale), so every issue reads
 * exactly as classic zod would write it ("Too small: expected number to be >=1"). Import `z` from
 * "zod/mini" as `import * as z` (not `import { z }`, whose namespace object esbuild cannot tree-shake).
 * This is the one registration: @orders/http-kit's `validate` and `jsonBody` import this module, so HTTP
 * services need nothing more. Code that parses zod/mini schemas of its own outside HTTP (the reporting rollup's event) imports
 * this module alone: `import "@orders/contracts/zod"`.
 */
config(en());
