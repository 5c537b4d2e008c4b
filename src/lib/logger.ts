const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** One JSON object a line, so Workers Logs can index every field. */
export const log = (
  env: { LOG_LEVEL?: string },
  level: Exclude<LogLevel, "silent">,
  msg: string,
  fields: Record<string, unknown> = {},
) => {
  const threshold = LEVELS[(env.LOG_LEVEL as LogLevel) ?? "info"] ?? LEVELS.info;
  if (LEVELS[level] < threshold) return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};

/** What a caught value says, for a log line. */
export const errorText = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
