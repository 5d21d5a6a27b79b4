export { signedInAs } from "./signed-in-as";
