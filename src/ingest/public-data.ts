import { fileURLToPath } from "node:url";

/**
 * The real public aggregate facts shipped with Turnstile (release operations, sanctions,
 * diplomatic events, Viasna's counts, with sources): an interchange bundle.
 */
export const PUBLIC_DATA_DIR = fileURLToPath(new URL("../../data/public/", import.meta.url));
