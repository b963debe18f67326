/**
 * Runs once when the server starts. A bad environment variable or tenants file must stop the
 * start with the path of the bad value, not surface later as a 500 on some page.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateConfiguration } = await import("./app/_lib/server");
  const { ConfigError } = await import("./app/_lib/errors");
  try {
    validateConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Guestgate cannot start: ${error.message}`);
    process.exit(1);
  }
}
