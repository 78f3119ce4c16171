/** Commands for names and texts: search (and extract, review). */
import type { Command } from "commander";

export function registerMatchingCommands(_program: Command): void {}
