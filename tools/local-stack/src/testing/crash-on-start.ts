/** A service that dies during start-up, for the local stack's clean-up test. */
console.error("crash-on-start: refusing to start (on purpose)");
process.exit(3);
