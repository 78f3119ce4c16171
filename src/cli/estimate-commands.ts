/** Commands that estimate and project: estimate, simulate. */
import type { Command } from "commander";

export function registerEstimateCommands(_program: Command): void {}
