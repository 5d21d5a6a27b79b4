/** Resolves after `ms`: a fixed wait, for pacing loops (what must wait on a condition polls it instead). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
