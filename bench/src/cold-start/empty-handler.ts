/** The baseline for cold starts: a handler that imports nothing and does nothing. */
export const handler = async () => ({ statusCode: 200, body: "" });
